using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using Middleware.Core.Feeds;

namespace Middleware.Server.Feeds.Open;

/// <summary>The snapshots readers are paging through, bounded in number and age. A first page
/// reuses a feed's current snapshot while it is fresh, so a burst of readers costs one ranking
/// (reading candidates alone takes ~0.4 s for 10,000 posts), not one per request.</summary>
public sealed class FeedSnapshotCache(
    SnapshotRanker ranker, SharedSnapshots shared, IOptions<OpenFeedOptions> options, TimeProvider clock, ILogger<FeedSnapshotCache> logger)
{
    private readonly object gate = new();
    private readonly Dictionary<Guid, FeedSnapshot> byId = new();
    private readonly Dictionary<string, FeedSnapshot> current = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, SemaphoreSlim> ranking = new(StringComparer.Ordinal);

    /// <summary>The feed's current snapshot: the kept one when it is fresh and ranked by this
    /// version of the feed; when it is merely stale, the kept one while a new ranking runs in the
    /// background (so no reader waits ~0.5 s every <see cref="OpenFeedOptions.FreshSeconds"/>); else
    /// a new ranking.</summary>
    public async Task<FeedSnapshot> CurrentAsync(Feed feed, CancellationToken ct = default)
    {
        if (Fresh(feed) is { } kept)
            return kept;
        if (Usable(feed) is { } stale)
        {
            RefreshInBackground(feed);
            return stale;
        }
        // One ranking per feed at a time: the readers who queued behind it take its result.
        var turn = ranking.GetOrAdd(feed.Name, _ => new SemaphoreSlim(1, 1));
        await turn.WaitAsync(ct);
        try
        {
            if (Fresh(feed) is { } ranked)
                return ranked;
            var snapshot = new FeedSnapshot(Guid.NewGuid(), await ranker.RankAsync(feed, viewer: null, ct));
            Keep(snapshot);
            // Stored before its first cursor leaves, so the next page may land on any node.
            await shared.PublishAsync(snapshot, ct);
            return snapshot;
        }
        finally
        {
            turn.Release();
        }
    }

    /// <summary>A snapshot a cursor points to, or null when it expired or never existed.</summary>
    public FeedSnapshot? Find(Guid id)
    {
        lock (gate)
            return byId.TryGetValue(id, out var snapshot) && !Expired(snapshot, clock.GetUtcNow()) ? snapshot : null;
    }

    /// <summary>A snapshot of <paramref name="feed"/> for <paramref name="viewer"/> that another node ranked
    /// (several nodes, ADR 0037), kept here after for its next pages, within the same bound as this
    /// node's own; null when there is none.</summary>
    public async Task<FeedSnapshot?> FindSharedAsync(Guid id, Feed feed, string? viewer, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        if (await shared.FindAsync(id, feed, viewer, ct) is not { } snapshot || Expired(snapshot, now))
            return null;
        lock (gate)
        {
            byId.TryAdd(snapshot.Id, snapshot);
            Trim(now);
        }
        return snapshot;
    }

    /// <summary>How many snapshots this node holds (at most <see cref="OpenFeedOptions.MaxSnapshots"/>).</summary>
    internal int Count
    {
        get
        {
            lock (gate)
                return byId.Count;
        }
    }

    private FeedSnapshot? Fresh(Feed feed) =>
        Usable(feed) is { } snapshot && clock.GetUtcNow() - snapshot.RankedAt < TimeSpan.FromSeconds(options.Value.FreshSeconds)
            ? snapshot
            : null;

    /// <summary>The current snapshot when this version of the feed ranked it and it has not expired.</summary>
    private FeedSnapshot? Usable(Feed feed)
    {
        lock (gate)
        {
            return current.TryGetValue(feed.Name, out var snapshot) && snapshot.Feed.Version == feed.Version
                && !Expired(snapshot, clock.GetUtcNow())
                    ? snapshot
                    : null;
        }
    }

    /// <summary>Starts one ranking unless one is already running for the feed; a failure keeps the
    /// stale snapshot (readers still get an answer) and is logged.</summary>
    private void RefreshInBackground(Feed feed)
    {
        var turn = ranking.GetOrAdd(feed.Name, _ => new SemaphoreSlim(1, 1));
        if (!turn.Wait(0))
            return;
        _ = Task.Run(async () =>
        {
            try
            {
                var snapshot = new FeedSnapshot(Guid.NewGuid(), await ranker.RankAsync(feed, viewer: null, CancellationToken.None));
                await shared.PublishAsync(snapshot, CancellationToken.None);
                Keep(snapshot);
            }
            catch (Exception e)
            {
                logger.LogWarning(e, "Ranking the feed {Feed} in the background failed; its last snapshot stays in use.", feed.Name);
            }
            finally
            {
                turn.Release();
            }
        });
    }

    private void Keep(FeedSnapshot snapshot)
    {
        var now = clock.GetUtcNow();
        lock (gate)
        {
            byId[snapshot.Id] = snapshot;
            // A background ranking of an older version (the feed changed while it ran) does not replace a newer one.
            if (!current.TryGetValue(snapshot.Feed.Name, out var kept) || kept.Feed.Version <= snapshot.Feed.Version)
                current[snapshot.Feed.Name] = snapshot;
            Trim(now);
        }
    }

    /// <summary>Drops expired snapshots, then, over the bound, the oldest (their readers start again, or on
    /// PostgreSQL read them back from the database). Called under the gate.</summary>
    private void Trim(DateTimeOffset now)
    {
        foreach (var old in byId.Values.Where(s => Expired(s, now)).ToList())
            Forget(old);
        foreach (var old in byId.Values.OrderBy(s => s.RankedAt).Take(byId.Count - Math.Max(1, options.Value.MaxSnapshots)).ToList())
            Forget(old);
    }

    private void Forget(FeedSnapshot snapshot)
    {
        byId.Remove(snapshot.Id);
        if (current.TryGetValue(snapshot.Feed.Name, out var kept) && kept.Id == snapshot.Id)
            current.Remove(snapshot.Feed.Name);
    }

    private bool Expired(FeedSnapshot snapshot, DateTimeOffset now) =>
        now - snapshot.RankedAt >= TimeSpan.FromMinutes(options.Value.SnapshotMinutes);
}
