using Middleware.Core.Delivery;

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

    /// <summary>Takes the feed's turn to boost, records the boost and queues its deliveries, all in one
    /// transaction. The turn is a compare-and-set on the feed's last boost time: when the feed boosted
    /// less than <paramref name="interval"/> before <see cref="FeedBoost.BoostedAt"/> (another node was
    /// first), or boosted that post before, nothing is written and the answer is false.</summary>
    Task<bool> BoostAsync(FeedBoost boost, TimeSpan interval, IReadOnlyList<NewDelivery> deliveries, CancellationToken ct = default);

    /// <summary>Boosts not yet withdrawn whose post is no longer stored (deleted at its origin).</summary>
    Task<IReadOnlyList<FeedBoost>> OrphanedAsync(CancellationToken ct = default);

    Task MarkUndoneAsync(string activityId, DateTimeOffset at, CancellationToken ct = default);
}
