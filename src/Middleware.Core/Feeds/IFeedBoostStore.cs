namespace Middleware.Core.Feeds;

/// <summary>A boost a feed account sent.</summary>
public sealed record FeedBoost(string Feed, string PostUri, string ActivityId, int FeedVersion, DateTimeOffset BoostedAt);

/// <summary>What each feed account boosted, so it never boosts a post twice, keeps to its hourly
/// cap, and can withdraw a boost when the post is deleted.</summary>
public interface IFeedBoostStore
{
    Task<IReadOnlySet<string>> BoostedPostsAsync(string feed, CancellationToken ct = default);

    Task<int> CountSinceAsync(string feed, DateTimeOffset since, CancellationToken ct = default);

    Task<DateTimeOffset?> LastBoostAtAsync(string feed, CancellationToken ct = default);

    /// <summary>Records a boost; false when the feed boosted that post before.</summary>
    Task<bool> RecordAsync(FeedBoost boost, CancellationToken ct = default);

    /// <summary>Boosts not yet withdrawn whose post is no longer stored (deleted at its origin).</summary>
    Task<IReadOnlyList<FeedBoost>> OrphanedAsync(CancellationToken ct = default);

    Task MarkUndoneAsync(string activityId, DateTimeOffset at, CancellationToken ct = default);
}
