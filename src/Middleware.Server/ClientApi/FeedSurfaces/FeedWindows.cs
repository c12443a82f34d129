using System.Security.Cryptography;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using Middleware.Core.Audit;
using Middleware.Core.Feeds;
using Middleware.Core.Ranking;
using Middleware.Server.Feeds.Open;

namespace Middleware.Server.ClientApi.FeedSurfaces;

/// <summary>A page served from a feed window: the home instance's statuses, and the position after
/// the last post looked at (where the next page starts).</summary>
public sealed record FeedPage(IReadOnlyList<HomeStatus> Statuses, int Next);

/// <summary>Opens, keeps and serves the windows of feeds that people read as lists or as trends.
/// A window is the top of the feed's current ranking, the same one the open feed API serves: the
/// person's own when they opted in to recording (their following list can count), else the shared
/// one (nothing about them goes into it). Its posts are found at the person's home instance page by
/// page (<see cref="HomeStatusLookup"/>); a post the instance cannot find is skipped, and the page
/// is filled from the posts after it.</summary>
public sealed class FeedWindows(
    FeedSnapshotCache shared, ViewerFeeds viewers, HomeStatusLookup lookup, ISignalRecorder signals, IServedPositionRecorder audit,
    IOptions<ClientApiOptions> options, TimeProvider clock, ILogger<FeedWindows> logger) : IDisposable
{
    /// <summary>Rounds of lookups to fill one page when posts are not found.</summary>
    private const int FillRounds = 3;

    private readonly MemoryCache windows = new(new MemoryCacheOptions { SizeLimit = options.Value.FeedWindowCacheBytes, TrackStatistics = true });

    private readonly record struct WindowKey(long Account, string Window);

    private readonly record struct LatestKey(long Account, string Surface);

    public FeedWindow? Find(long accountId, string windowId) =>
        windows.TryGetValue(new WindowKey(accountId, windowId), out FeedWindow? window) ? window : null;

    /// <summary>The window the person opened (or refreshed) last on this surface.</summary>
    public FeedWindow? Latest(long accountId, string surface) =>
        windows.TryGetValue(new LatestKey(accountId, surface), out string? id) ? Find(accountId, id!) : null;

    /// <summary>A new window of the feed's current ranking. With <paramref name="refreshed"/>, only the
    /// posts that window and those before it did not hold, in ranked order: what is new since.</summary>
    public async Task<FeedWindow> OpenAsync(ClientCaller caller, Feed feed, string surface, FeedWindow? refreshed, CancellationToken ct)
    {
        var account = caller.Account!;
        var snapshot = account.Preference.RecordInteractions
            ? await viewers.CurrentAsync(feed, caller, ct)
            : await shared.CurrentAsync(feed, ct);
        var top = snapshot.Items.Take(Math.Max(1, options.Value.FeedWindow)).Select(i => i.PostUri);
        if (refreshed is not null)
            top = top.Where(uri => !refreshed.Earlier.Contains(uri) && !refreshed.PostUris.Contains(uri));
        var id = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6));
        var uris = top.ToList();
        var window = new FeedWindow(id, surface, feed.Name, uris, refreshed)
        {
            // A refresh leaves out what earlier windows held, in the baseline as in the ranking.
            Audit = snapshot.Audit.Part(uris, uri => refreshed is not null && (refreshed.Earlier.Contains(uri) || refreshed.PostUris.Contains(uri))),
        };
        var entry = new MemoryCacheEntryOptions { Size = window.Bytes, SlidingExpiration = TimeSpan.FromMinutes(30) };
        // A full MemoryCache refuses new entries; make room by dropping the least recently used first.
        if (windows.GetCurrentStatistics()?.CurrentEstimatedSize + window.Bytes + 64 > options.Value.FeedWindowCacheBytes)
            windows.Compact(0.25);
        windows.Set(new WindowKey(account.Id, id), window, entry);
        windows.Set(new LatestKey(account.Id, surface), id, new MemoryCacheEntryOptions { Size = 64, SlidingExpiration = TimeSpan.FromMinutes(30) });
        return window;
    }

    /// <summary>Up to <paramref name="limit"/> statuses from position <paramref name="from"/> on, skipping
    /// posts the home instance does not find. Impressions are recorded for a person who opted in.</summary>
    public Task<FeedPage> ServeAsync(ClientCaller caller, FeedWindow window, int from, int limit, CancellationToken ct) =>
        ServeAsync(caller, window, from, window.PostUris.Count, limit, ct);

    /// <summary>The statuses found among the positions <paramref name="from"/> to <paramref name="to"/>
    /// (a page above a cursor: nothing after <paramref name="to"/> is looked at). A post the instance
    /// did not answer for (it failed, or was too slow) ends the page there, so the next page asks again
    /// rather than leaving a gap; when that leaves nothing to serve, the instance's failure is the answer
    /// (an empty page would end the list in the app).</summary>
    public async Task<FeedPage> ServeAsync(ClientCaller caller, FeedWindow window, int from, int to, int limit, CancellationToken ct)
    {
        var statuses = new List<HomeStatus>();
        var position = Math.Clamp(from, 0, window.PostUris.Count);
        to = Math.Clamp(to, position, window.PostUris.Count);
        var unanswered = false;
        var publicPositions = new List<int>();
        for (var round = 0; round < FillRounds && statuses.Count < limit && position < to && !unanswered; round++)
        {
            var take = Math.Min(to - position, limit - statuses.Count);
            var found = await lookup.FindAsync(caller.Account!, caller.UpstreamToken!, window.PostUris.Skip(position).Take(take).ToList(), ct);
            foreach (var result in found)
            {
                if (!result.Answered)
                {
                    unanswered = true;
                    break;
                }
                if (result.Status is { } status)
                {
                    statuses.Add(status);
                    window.Served(position, status.Id);
                    if (status.IsPublic)
                        publicPositions.Add(position);
                }
                position++;
            }
        }
        if (unanswered && statuses.Count == 0)
            throw new UpstreamException(StatusCodes.Status502BadGateway,
                $"The home instance {caller.Account!.InstanceHost} did not answer for the feed's posts; try again later.");
        window.ExaminedUpTo(position);
        await ServedImpressions.RecordAsync(signals, caller.Account!, window.Feed, statuses, clock, logger, ct);
        var surface = window.Surface == TrendEndpoints.Surface ? ServedSurface.Trends : ServedSurface.List;
        if (window.Audit.Serve(window.Feed, surface, publicPositions, clock.GetUtcNow()) is { } served)
            audit.Record(served);
        return new FeedPage(statuses, position);
    }

    public void Dispose() => windows.Dispose();
}
