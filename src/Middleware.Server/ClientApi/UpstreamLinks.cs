using System.Text.RegularExpressions;

namespace Middleware.Server.ClientApi;

/// <summary>Reads and rewrites the home instance's <c>Link</c> header.</summary>
public static partial class UpstreamLinks
{
    /// <summary>Rewrites the URLs so they point at the service: a client that follows them keeps
    /// paging through us, with our token.</summary>
    public static string? Rewrite(HomeInstanceClient.Answer answer, Uri upstreamBase, string ourBase) =>
        answer.Headers.TryGetValues("Link", out var values)
            ? string.Join(", ", values).Replace(upstreamBase.GetLeftPart(UriPartial.Authority), ourBase, StringComparison.OrdinalIgnoreCase)
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
            return Uri.TryCreate(link.Groups["url"].Value, UriKind.Absolute, out var url)
                   && Uri.Compare(url, upstreamBase, UriComponents.SchemeAndServer, UriFormat.Unescaped, StringComparison.OrdinalIgnoreCase) == 0
                ? url.PathAndQuery
                : null;
        }
        return null;
    }

    [GeneratedRegex("""<(?<url>[^>]*)>\s*;[^,]*?\brel="?(?<rel>[^";,]+)"?""")]
    private static partial Regex LinkValue();
}
