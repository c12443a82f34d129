using System.Text.RegularExpressions;

namespace Middleware.Server.ClientApi;

/// <summary>Reads and rewrites the home instance's <c>Link</c> header. Only URLs of the home
/// instance itself (same scheme, host and port) are rewritten or followed; any other is left alone.</summary>
public static partial class UpstreamLinks
{
    /// <summary>Rewrites the URLs so they point at the service: a client that follows them keeps
    /// paging through us, with our token.</summary>
    public static string? Rewrite(HomeInstanceClient.Answer answer, Uri upstreamBase, string ourBase) =>
        answer.Headers.TryGetValues("Link", out var values)
            ? Target().Replace(string.Join(", ", values), m => $"<{Rewrite(m.Groups[1].Value, upstreamBase, ourBase)}>")
            : null;

    /// <summary>The path and query of the <c>rel="next"</c> link when it points at the same instance
    /// (<paramref name="upstreamBase"/>); null on the last page or for a link elsewhere, which is not followed.</summary>
    public static string? Next(HomeInstanceClient.Answer answer, Uri upstreamBase)
    {
        if (!answer.Headers.TryGetValues("Link", out var values))
            return null;
        foreach (Match link in LinkValue().Matches(string.Join(", ", values)))
        {
            if (!link.Groups["rel"].Value.Split(' ').Contains("next", StringComparer.OrdinalIgnoreCase))
                continue;
            return OnInstance(link.Groups["url"].Value, upstreamBase) is { } url ? url.PathAndQuery : null;
        }
        return null;
    }

    /// <summary>A <c>Location</c> of the home instance, pointed at the service; a relative one or one
    /// elsewhere stays as it is.</summary>
    public static string Rewrite(Uri location, Uri upstreamBase, string ourBase) =>
        location.IsAbsoluteUri ? Rewrite(location.AbsoluteUri, upstreamBase, ourBase) : location.OriginalString;

    private static string Rewrite(string target, Uri upstreamBase, string ourBase) =>
        OnInstance(target, upstreamBase) is { } uri ? ourBase.TrimEnd('/') + uri.PathAndQuery : target;

    private static Uri? OnInstance(string target, Uri upstreamBase) =>
        Uri.TryCreate(target, UriKind.Absolute, out var uri)
        && Uri.Compare(uri, upstreamBase, UriComponents.SchemeAndServer, UriFormat.Unescaped, StringComparison.OrdinalIgnoreCase) == 0
            ? uri
            : null;

    [GeneratedRegex("<([^>]*)>")]
    private static partial Regex Target();

    [GeneratedRegex("""<(?<url>[^>]*)>\s*;[^,]*?\brel="?(?<rel>[^";,]+)"?""")]
    private static partial Regex LinkValue();
}
