using Microsoft.Extensions.Options;
using Middleware.Core.Feeds;

namespace Middleware.Server.Feeds.Open;

/// <summary>Ranks a feed into a snapshot, for everyone (no viewer) or for one signed-in viewer.</summary>
public sealed class SnapshotRanker(FeedRanker ranker, IOptions<OpenFeedOptions> options)
{
    /// <summary>The feed ranked to the snapshot's depth (<see cref="OpenFeedOptions.SnapshotSize"/>).</summary>
    public Task<FeedRanking> RankAsync(Feed feed, string? viewer, CancellationToken ct) =>
        ranker.RankAsync(feed, viewer, Math.Clamp(options.Value.SnapshotSize, 1, 10_000), ct);
}
