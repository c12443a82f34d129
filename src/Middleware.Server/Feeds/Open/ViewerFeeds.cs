using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using Middleware.Core.Accounts;
using Middleware.Core.Feeds;
using Middleware.Core.Ranking;
using Middleware.Server.ClientApi;

namespace Middleware.Server.Feeds.Open;

/// <summary>The open feed API for a signed-in viewer (a client API token): who it is, the feed ranked
/// for them (their own snapshots, kept apart from the shared ones), and the impressions recorded when
/// they opted in. Anonymous readers never reach this class beyond <see cref="ResolveAsync"/>'s header check.</summary>
public sealed class ViewerFeeds(
    ClientCallers callers, FollowingSync following,
    SnapshotRanker ranker, SharedSnapshots shared, ISignalRecorder signals, IOptions<OpenFeedOptions> options, TimeProvider clock) : IDisposable
{
    // Each snapshot is kept under two keys (the viewer's current one, and its id for cursors).
    private readonly MemoryCache snapshots = new(new MemoryCacheOptions { SizeLimit = 2L * Math.Max(1, options.Value.MaxViewerSnapshots) });
    private readonly SemaphoreSlim rankings = new(Math.Max(1, options.Value.MaxViewerRankings));

    private readonly record struct CurrentKey(string Feed, int Version, string Viewer);

    /// <summary>No <c>Authorization</c> header: anonymous (null, no error). A token that is missing,
    /// unknown or revoked: the client API's 401, never a silent anonymous answer. An app's own token
    /// names no person: anonymous. A person who has not opted in is read as anonymous too: nothing
    /// about them (not even who they are) goes into a ranking, and they share the one snapshot. A
    /// person who opted in: that person, and their following list is read again in the background
    /// when it is stale.</summary>
    public async ValueTask<(ClientCaller? Viewer, IResult? Error)> ResolveAsync(HttpRequest request, CancellationToken ct)
    {
        if (!request.Headers.ContainsKey(HeaderNames.Authorization))
            return (null, null);
        var (caller, error) = await callers.ResolveAsync(request, userRequired: false, ct);
        if (caller?.Account is not { } account)
            return (null, error);
        if (!account.Preference.RecordInteractions)
            return (null, null);
        await following.SyncIfStaleAsync(account, caller.UpstreamToken!, ct);
        return (caller, null);
    }

    /// <summary>The feed ranked for the viewer: their kept snapshot of this feed version while it is
    /// fresh (<see cref="OpenFeedOptions.FreshSeconds"/>), else a new ranking.</summary>
    public async Task<FeedSnapshot> CurrentAsync(Feed feed, ClientCaller viewer, CancellationToken ct)
    {
        var actor = viewer.Account!.ActorUri;
        var key = new CurrentKey(feed.Name, feed.Version, actor);
        if (Fresh(key) is { } kept)
            return kept;
        await rankings.WaitAsync(ct);
        try
        {
            // The same viewer's other request may have ranked while this one waited.
            if (Fresh(key) is { } ranked)
                return ranked;
            var snapshot = new FeedSnapshot(Guid.NewGuid(), await ranker.RankAsync(feed, actor, ct), actor);
            var entry = new MemoryCacheEntryOptions { Size = 1, SlidingExpiration = TimeSpan.FromMinutes(options.Value.SnapshotMinutes) };
            // A full MemoryCache refuses new entries; make room by dropping the least recently used first.
            if (snapshots.Count + 2 > 2L * Math.Max(1, options.Value.MaxViewerSnapshots))
                snapshots.Compact(0.1);
            snapshots.Set(key, snapshot, entry);
            snapshots.Set(snapshot.Id, snapshot, entry);
            await shared.PublishAsync(snapshot, ct);
            return snapshot;
        }
        finally
        {
            rankings.Release();
        }
    }

    /// <summary>A viewer's snapshot a cursor points to, or null when it expired or never existed.</summary>
    public FeedSnapshot? Find(Guid id) => snapshots.TryGetValue(id, out FeedSnapshot? snapshot) ? snapshot : null;

    /// <summary>Records the served posts as impressions in the feed, only when the viewer opted in.</summary>
    public Task RecordServedAsync(ClientCaller viewer, FeedSnapshot snapshot, int offset, int size, CancellationToken ct)
    {
        var account = viewer.Account!;
        if (!account.Preference.RecordInteractions || offset >= snapshot.Items.Count)
            return Task.CompletedTask;
        var served = snapshot.Items.Skip(offset).Take(size).Select(i => i.PostUri).ToList();
        return signals.RecordImpressionsAsync(account.ActorUri, snapshot.Feed.Name, served, clock.GetUtcNow(), ct);
    }

    private FeedSnapshot? Fresh(CurrentKey key) =>
        snapshots.TryGetValue(key, out FeedSnapshot? snapshot)
        && clock.GetUtcNow() - snapshot!.RankedAt < TimeSpan.FromSeconds(options.Value.FreshSeconds)
            ? snapshot
            : null;

    public void Dispose()
    {
        snapshots.Dispose();
        rankings.Dispose();
    }
}
