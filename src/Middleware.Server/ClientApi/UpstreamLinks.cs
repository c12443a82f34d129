using System.Text.RegularExpressions;

namespace Middleware.Server.ClientApi;

/// <summary>Rewrites the home instance's <c>Link</c> header so its URLs point at the service: a
/// client that follows them keeps paging through us, with our token. Only URLs of the home
/// instance itself (same scheme, host and port) are rewritten; any other stays as it is.</summary>
public static partial class UpstreamLinks
{
    [GeneratedRegex("<([^>]*)>")]
    private static partial Regex Target();

    public static string? Rewrite(HomeInstanceClient.Answer answer, Uri upstreamBase, string ourBase) =>
        answer.Headers.TryGetValues("Link", out var values)
            ? Target().Replace(string.Join(", ", values), m => $"<{Rewrite(m.Groups[1].Value, upstreamBase, ourBase)}>")
            : null;

    private static string Rewrite(string target, Uri upstreamBase, string ourBase) =>
        Uri.TryCreate(target, UriKind.Absolute, out var uri)
        && Uri.Compare(uri, upstreamBase, UriComponents.SchemeAndServer, UriFormat.Unescaped, StringComparison.OrdinalIgnoreCase) == 0
            ? ourBase.TrimEnd('/') + uri.PathAndQuery
            : target;
}
