using Microsoft.Extensions.Options;
using Middleware.Core.Feeds;
using Middleware.Core.Posts;
using Middleware.Ranking;
using Middleware.Server.Ranking;

namespace Middleware.Server.Feeds.Open;

/// <summary>Where a post stands in a feed's current snapshot.</summary>
/// <param name="Post">The post's id.</param>
/// <param name="Position">Its place, 1 for the top.</param>
/// <param name="Of">Posts in the snapshot.</param>
/// <param name="Score">The ranker's score.</param>
/// <param name="Explanation">Why it is there.</param>
/// <param name="FeedVersion">The feed version that ranked.</param>
/// <param name="RankedAt">When the snapshot was ranked.</param>
public sealed record PostPlacement(string Post, int Position, int Of, double Score, Explanation Explanation, int FeedVersion, DateTimeOffset RankedAt);

/// <summary><c>GET /api/v1/feeds/{name}/explain?post=&lt;uri&gt;</c>: why a post is where it is, or
/// as far as can be known, why it is not in the feed.</summary>
public static class FeedExplain
{
    /// <summary>With a client API token, the post's place in the ranking made for that viewer.</summary>
    public static async Task<IResult> GetAsync(
        string name, string? post, HttpRequest request, PublicFeeds feeds, FeedSnapshotCache snapshots, ViewerFeeds viewers,
        IPostStore posts, IDiscoveryConsent consent, IOptions<OpenFeedOptions> options, IOptions<CandidateWindowOptions> window,
        CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(post))
            return OpenFeedErrors.BadRequest("post", "is required: the id (URI) of a post.");
        var (viewer, unauthorized) = await viewers.ResolveAsync(request, ct);
        if (unauthorized is not null)
            return unauthorized;
        if (await feeds.FindAsync(name, ct) is not { } feed)
            return OpenFeedErrors.NoFeed(name);

        var snapshot = viewer is null ? await snapshots.CurrentAsync(feed, ct) : await viewers.CurrentAsync(feed, viewer, ct);
        var index = snapshot.PositionOf(post);
        if (index >= 0)
        {
            var item = snapshot.Items[index];
            return TypedResults.Ok(new PostPlacement(post, index + 1, snapshot.Items.Count, item.Score, item.Explanation, snapshot.Feed.Version, snapshot.RankedAt));
        }

        var (reason, detail) = await AbsenceAsync(post, snapshot, posts, consent, options.Value, window.Value, ct);
        return TypedResults.NotFound(new { error = $"The post is not in the feed '{feed.Name}': it {detail}", post, reason });
    }

    /// <summary>The first reason that is certain; a post that passes every check we can make here was
    /// left out by the feed's sources or filters, or ranked below the snapshot.</summary>
    private static async Task<(string Reason, string Detail)> AbsenceAsync(
        string uri, FeedSnapshot snapshot, IPostStore posts, IDiscoveryConsent consent, OpenFeedOptions options,
        CandidateWindowOptions window, CancellationToken ct)
    {
        // An unlisted, followers-only or direct post is answered as if it were not stored: anyone may
        // ask, and the answer must not confirm that such a post exists (feeds show public posts only).
        if (await posts.FindAsync(uri, ct) is not { Post: { Visibility: Visibility.Public } stored })
            return ("not-stored", "is not stored by this service.");
        if (stored.Published > snapshot.RankedAt)
            return ("newer-than-ranking", $"was published after the current ranking ({snapshot.RankedAt:u}); the next ranking will consider it.");
        if (stored.Published < snapshot.RankedAt.AddHours(-window.MaxAgeHours))
            return ("outside-window", $"was published more than {window.MaxAgeHours:0.##} hours before the ranking, outside the candidate window.");
        if ((await consent.ConsentingAsync([stored.AuthorUri], ct)).Count == 0)
            return ("no-consent", "is by an author who has not consented to discovery (discoverable, indexable), so feeds do not show it to people who do not follow them.");
        if (snapshot.Items.Count >= options.SnapshotSize && snapshot.Candidates > snapshot.Items.Count)
            return ("below-snapshot", $"is not among the top {snapshot.Items.Count} of {snapshot.Candidates} candidates this feed ranked; it ranks lower, or the feed's sources or filters leave it out.");
        return ("not-a-candidate", "is not a candidate of this feed: it is not from the feed's sources, or the feed's filters leave it out.");
    }
}
