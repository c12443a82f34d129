using System.Data.Common;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Middleware.Core.Audit;
using Middleware.Core.Feeds;
using Middleware.Data.Cluster;
using Middleware.Ranking;
using Middleware.Ranking.Engine;

namespace Middleware.Server.Feeds.Open;

/// <summary>Open-feed snapshots written to the database when ranked, so that a skeleton cursor given
/// out by one node pages on through the same ranking on another (ADR 0037). Only on PostgreSQL; a node
/// reads here only when its memory misses. The cursors' signing key is shared the same way.</summary>
public sealed class SharedSnapshots(SharedWindowStore store, IOptions<OpenFeedOptions> options, ILogger<SharedSnapshots> logger)
{
    private const string Kind = "feed-snapshot";

    private sealed record Payload(string Feed, int FeedVersion, IReadOnlyList<RankedItem> Items, string Ranker, string? FallbackReason,
        int Candidates, DateTimeOffset RankedAt, AuditFrame Audit);

    /// <summary>The key that signs skeleton cursors: one per database on PostgreSQL (the first node to
    /// start makes it), one per process on SQLite, where cursors cannot outlive the process's snapshots anyway.</summary>
    public static SkeletonCursorCodec Codec(SharedWindowStore store)
    {
        if (!store.Shared)
            return new SkeletonCursorCodec();
        var mine = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        var shared = store.AddIfAbsentAsync("cursor-key", "skeleton", mine, DateTimeOffset.MaxValue).GetAwaiter().GetResult();
        return new SkeletonCursorCodec(Convert.FromBase64String(shared));
    }

    /// <summary>Stores the snapshot until it expires. A failure is logged: this node still pages
    /// through it, another answers its cursors with "start again".</summary>
    public async Task PublishAsync(FeedSnapshot snapshot, CancellationToken ct)
    {
        if (!store.Shared)
            return;
        var payload = new Payload(snapshot.Feed.Name, snapshot.Feed.Version, snapshot.Items, snapshot.Ranker, snapshot.FallbackReason,
            snapshot.Candidates, snapshot.RankedAt, snapshot.Audit);
        try
        {
            await store.PutAsync(Kind, snapshot.Id.ToString("N"), snapshot.Viewer ?? "", JsonSerializer.Serialize(payload),
                snapshot.RankedAt + TimeSpan.FromMinutes(options.Value.SnapshotMinutes), ct);
        }
        catch (DbException e)
        {
            logger.LogWarning(e, "The snapshot {Snapshot} of feed {Feed} could not be shared", snapshot.Id, snapshot.Feed.Name);
        }
    }

    /// <summary>The reader's snapshot of <paramref name="feed"/> ranked on any node, or null (none,
    /// expired, another reader's, or another feed's).</summary>
    public async Task<FeedSnapshot?> FindAsync(Guid id, Feed feed, string? viewer, CancellationToken ct)
    {
        if (!store.Shared || await store.FindAsync(Kind, id.ToString("N"), viewer ?? "", ct) is not { } json)
            return null;
        var payload = JsonSerializer.Deserialize<Payload>(json)!;
        if (payload.Feed != feed.Name || payload.FeedVersion != feed.Version)
            return null;
        var outcome = new RankingOutcome(new RankingResult(payload.Items), payload.Ranker, payload.FallbackReason);
        return new FeedSnapshot(id, new FeedRanking(feed, outcome, payload.Candidates, payload.RankedAt, payload.Audit), viewer);
    }
}
