using Middleware.Server.Feeds.Open;

namespace Middleware.Server.Feeds.Cards;

/// <summary><c>GET /api/v1/feeds/{name}/card</c>: the feed's <see cref="FeedCard"/> as JSON, the same
/// model the feed page shows.</summary>
public static class FeedCardEndpoint
{
    public static async Task<IResult> GetAsync(string name, PublicFeeds feeds, FeedSnapshotCache snapshots, FeedCards cards, CancellationToken ct)
    {
        if (await feeds.FindAsync(name, ct) is not { } feed)
            return OpenFeedErrors.NoFeed(name);
        var snapshot = await snapshots.CurrentAsync(feed, ct);
        return TypedResults.Ok(await cards.BuildAsync(feed, snapshot.Items, snapshot.RankedAt, ct));
    }
}
