namespace Middleware.Server.ClientApi;

/// <summary>Rewrites the home instance's <c>Link</c> header so its URLs point at the service: a
/// client that follows them keeps paging through us, with our token.</summary>
public static class UpstreamLinks
{
    public static string? Rewrite(HomeInstanceClient.Answer answer, Uri upstreamBase, string ourBase) =>
        answer.Headers.TryGetValues("Link", out var values)
            ? string.Join(", ", values).Replace(upstreamBase.GetLeftPart(UriPartial.Authority), ourBase, StringComparison.OrdinalIgnoreCase)
            : null;
}
