namespace Middleware.Server.ClientApi.FeedSurfaces;

/// <summary>The ids of the lists the service adds to a person's own: <c>mw-home</c> (their home
/// timeline, ranked) and <c>mw-feed-{name}</c> (a feed they chose to read). Mastodon's list ids are
/// digits, GoToSocial's are ULIDs and Akkoma's flake ids are base62: none holds a hyphen, so these
/// cannot collide with an instance's own ids, and a path naming one is never passed on.</summary>
public static class FeedListIds
{
    public const string Prefix = "mw-";
    public const string Home = "mw-home";
    private const string FeedPrefix = "mw-feed-";

    public static string ForFeed(string feed) => FeedPrefix + feed;

    public static bool IsOurs(string? id) => id?.StartsWith(Prefix, StringComparison.Ordinal) == true;

    /// <summary>The feed's name in a feed-list id, or null.</summary>
    public static string? FeedOf(string id) =>
        id.StartsWith(FeedPrefix, StringComparison.Ordinal) && id.Length > FeedPrefix.Length ? id[FeedPrefix.Length..] : null;

    /// <summary>True for a path under <c>/api/v1/lists/</c> or <c>/api/v1/timelines/list/</c> whose list id is ours.</summary>
    public static bool InPath(PathString path)
    {
        foreach (var parent in (ReadOnlySpan<string>)["/api/v1/lists", "/api/v1/timelines/list"])
        {
            if (path.StartsWithSegments(parent, StringComparison.OrdinalIgnoreCase, out var rest) && rest.HasValue)
            {
                var id = rest.Value!.TrimStart('/').Split('/')[0];
                if (IsOurs(Uri.UnescapeDataString(id)))
                    return true;
            }
        }
        return false;
    }

    /// <summary>Mastodon's answer for an unknown list.</summary>
    public static IResult NotFound() => Results.Json(new { error = "Record not found" }, statusCode: StatusCodes.Status404NotFound);
}
