using System.Text.Json;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using Middleware.Core.Accounts;
using Middleware.Core.Audit;
using Middleware.Core.Feeds;
using Middleware.Ranking;
using Middleware.Ranking.Coordination;
using Middleware.Ranking.Engine;

namespace Middleware.Server.ClientApi;

/// <summary>Reads the most recent statuses of a person's home timeline from their instance
/// (several pages, up to the configured window), adds the posts their chosen feed asks for, ranks
/// them all with that feed's ranker (or the ranker they chose), and keeps the ranked window in
/// memory for paging.</summary>
public sealed class HomeTimeline(
    HomeInstanceClient home, IRankingRunner runner, IFeedStore feeds, HomeFeedPosts feedPosts, CoordinationScores coordination,
    SharedHomeWindows shared, IOptions<ClientApiOptions> options, TimeProvider clock, ILogger<HomeTimeline> logger)
    : IDisposable
{
    // Sized in bytes: a window of 200 statuses is ~1-2 MB, and an instance decides how big its statuses are.
    private readonly MemoryCache _windows = new(new MemoryCacheOptions { SizeLimit = options.Value.RankedWindowCacheBytes, TrackStatistics = true });

    /// <summary>Either a ranked window or the home instance's own non-success answer to pass on.</summary>
    public sealed record Outcome(RankedWindow? Window, HomeInstanceClient.Answer? Refusal);

    public RankedWindow? Find(long accountId, string windowId) =>
        _windows.TryGetValue((accountId, windowId), out RankedWindow? window) ? window : null;

    /// <summary>The window ranked last for the person (for apps that page with a status id).</summary>
    public RankedWindow? Latest(long accountId) =>
        _windows.TryGetValue(accountId, out string? windowId) ? Find(accountId, windowId!) : null;

    /// <summary>The person's window from memory, else (several nodes) as another node ranked it; kept here after.</summary>
    public async Task<RankedWindow?> FindAsync(ClientAccount account, string windowId, CancellationToken ct)
    {
        if (Find(account.Id, windowId) is { } kept)
            return kept;
        if (await shared.FindAsync(account, windowId, ct) is not { } loaded)
            return null;
        Keep(account.Id, loaded, latest: false);
        return loaded;
    }

    /// <summary>The person's latest window holding the status <paramref name="homeId"/> and its position
    /// there: this node's latest, else (several nodes) the latest ranked on any node.</summary>
    public async Task<(RankedWindow Window, int Position)?> LatestHoldingAsync(ClientAccount account, string homeId, CancellationToken ct)
    {
        var kept = Latest(account.Id);
        if (kept?.PositionOf(homeId) is { } position)
            return (kept, position);
        if (await shared.LatestIdAsync(account, ct) is { } id && id != kept?.Id
            && await FindAsync(account, id, ct) is { } latest && latest.PositionOf(homeId) is { } there)
            return (latest, there);
        return null;
    }

    /// <summary>Ranks the newest statuses; with <paramref name="sinceId"/>, only those newer than it.
    /// The window is filled within <see cref="ClientApiOptions.WindowFillBudget"/>: when later pages
    /// are slow, what arrived is ranked and paging goes on in the home instance's order from there.</summary>
    public async Task<Outcome> RankAsync(ClientAccount account, string upstreamToken, string? sinceId, CancellationToken ct)
    {
        var settings = options.Value;
        var statuses = new List<HomeStatus>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        string? maxId = null;
        var full = false;
        using var budget = CancellationTokenSource.CreateLinkedTokenSource(ct);
        budget.CancelAfter(settings.WindowFillBudget);
        while (statuses.Count < settings.RankedWindow)
        {
            var query = $"/api/v1/timelines/home?limit={settings.UpstreamPageSize}"
                        + (maxId is null ? "" : $"&max_id={Uri.EscapeDataString(maxId)}")
                        + (sinceId is null ? "" : $"&since_id={Uri.EscapeDataString(sinceId)}");
            HomeInstanceClient.Answer answer;
            try
            {
                // The first page waits as long as any upstream call may (a 504 after that); later pages only within the budget.
                answer = await home.SendAsync(account.InstanceHost, HttpMethod.Get, query, upstreamToken, null, maxId is null ? ct : budget.Token);
            }
            catch (OperationCanceledException) when (budget.IsCancellationRequested && !ct.IsCancellationRequested)
            {
                logger.LogInformation("The home timeline of account {Account} at {Host} filled {Count} statuses within {Budget}; ranking those",
                    account.Id, account.InstanceHost, statuses.Count, settings.WindowFillBudget);
                break;
            }
            if (answer.Status is < 200 or > 299)
                return new Outcome(null, answer);
            var (page, received, lastId) = ReadPage(answer, account.InstanceHost);
            // A status boosted twice (or boosted and posted) is shown once, at its newest place.
            statuses.AddRange(page.Where(s => seen.Add(s.Candidate.PostUri)));
            full = received >= settings.UpstreamPageSize && lastId is not null && lastId != maxId;
            maxId = lastId ?? maxId;
            if (!full)
                break;
        }

        var feed = await ChosenFeedAsync(account, ct);
        var newestId = statuses.Count > 0 ? statuses[0].Id : null;
        // A refresh (since_id) ranks only what is new at home; the feed's posts came with the window.
        if (feed is not null && sinceId is null)
        {
            var present = statuses.Select(s => s.Candidate.PostUri).ToHashSet(StringComparer.Ordinal);
            var followed = statuses.Where(s => s.Candidate.ViewerFollowsAuthor).Select(s => s.Candidate.Author).ToHashSet(StringComparer.Ordinal);
            statuses.AddRange(await feedPosts.ReadAsync(feed, account, upstreamToken, present, followed, ct));
        }

        var window = await OrderAsync(account, feed, statuses, newestId, full ? maxId : null, ct);
        Keep(account.Id, window, latest: true);
        await shared.PublishAsync(account, window, ct);
        return new Outcome(window, null);
    }

    private void Keep(long accountId, RankedWindow window, bool latest)
    {
        // A full MemoryCache refuses new entries; make room by dropping the least recently used first.
        if (_windows.GetCurrentStatistics()?.CurrentEstimatedSize + window.Bytes > options.Value.RankedWindowCacheBytes)
            _windows.Compact(0.25);
        _windows.Set((accountId, window.Id), window,
            new MemoryCacheEntryOptions { Size = window.Bytes, SlidingExpiration = SharedHomeWindows.Lifetime });
        if (latest)
            _windows.Set(accountId, window.Id, new MemoryCacheEntryOptions { Size = 64, SlidingExpiration = SharedHomeWindows.Lifetime });
    }

    /// <summary>The feed the person chose, when it still exists and is public; otherwise their ranker applies.</summary>
    private async Task<Feed?> ChosenFeedAsync(ClientAccount account, CancellationToken ct)
    {
        if (account.Preference.Feed is not { } name)
            return null;
        if (await feeds.FindAsync(name, ct) is { Public: true } feed)
            return feed;
        logger.LogInformation("Account {Account} chose feed {Feed}, which is gone or private; ranking with {Ranker}",
            account.Id, name, account.Preference.Ranker);
        return null;
    }

    private async Task<RankedWindow> OrderAsync(ClientAccount account, Feed? feed, List<HomeStatus> statuses, string? newestId,
        string? olderFromId, CancellationToken ct)
    {
        var id = Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(6));
        var ranker = feed?.Ranker ?? account.Preference.Ranker;
        if (statuses.Count == 0)
            return new RankedWindow(id, [], null, olderFromId, ranker);
        var request = new RankingRequest
        {
            Feed = feed?.Name ?? "home",
            Viewer = account.ActorUri,
            Candidates = coordination.Apply(statuses.Select(s => s.Candidate).ToList()),
            Limit = statuses.Count,
            Parameters = feed is null ? ParametersOf(account.Preference) : ParametersOf(feed.ParametersJson),
            Now = clock.GetUtcNow(),
        };
        RankingOutcome outcome;
        try
        {
            outcome = await runner.RunAsync(ranker, request, ct);
        }
        catch (RankerParameterException)
        {
            // Parameters were valid when saved; a plugin update may have changed its rules since.
            outcome = await runner.RunAsync("chronological", request with { Parameters = RankerParameters.Empty }, ct);
        }
        var byUri = statuses.ToDictionary(s => s.Candidate.PostUri, StringComparer.Ordinal);
        var ranked = outcome.Result.Items.Select(i => byUri.GetValueOrDefault(i.PostUri)).OfType<HomeStatus>().ToList();
        return new RankedWindow(id, ranked, newestId, olderFromId, outcome.Ranker)
        {
            Audit = feed is null ? null : (feed.Name, FrameOf(ranked, request.Candidates)),
        };
    }

    /// <summary>The window beside its statuses newest first; statuses that are not public are left out of
    /// both orders' records (null), as the audit keeps public posts only.</summary>
    private static AuditFrame FrameOf(List<HomeStatus> ranked, IReadOnlyList<Candidate> scored)
    {
        var isPublic = ranked.Where(s => s.IsPublic).Select(s => s.Candidate.PostUri).ToHashSet(StringComparer.Ordinal);
        ServedPost? Kept(Candidate c) => isPublic.Contains(c.PostUri) ? ServedPost.Of(c) : null;
        var byUri = scored.GroupBy(c => c.PostUri, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        var inOrder = ranked.Select(s => byUri.GetValueOrDefault(s.Candidate.PostUri) ?? s.Candidate).ToList();
        return new AuditFrame(inOrder.Select(Kept).ToList(), AuditFrame.Chronologically(inOrder).Select(Kept).ToList());
    }

    public static RankerParameters ParametersOf(RankingPreference preference) => ParametersOf(preference.ParametersJson);

    private static RankerParameters ParametersOf(string parametersJson)
    {
        using var json = JsonDocument.Parse(parametersJson);
        return RankerParameters.FromJson(json.RootElement.Clone());
    }

    /// <summary>The readable statuses of one page, how many items it had, and the last item's id
    /// (to ask for the next page even when that item itself was unreadable).</summary>
    private static (List<HomeStatus> Page, int Received, string? LastId) ReadPage(HomeInstanceClient.Answer answer, string host)
    {
        try
        {
            using var json = JsonDocument.Parse(answer.Body);
            if (json.RootElement.ValueKind != JsonValueKind.Array)
                throw new UpstreamException(502, $"The home instance {host} answered the home timeline with something that is not a list.");
            var items = json.RootElement.EnumerateArray().ToList();
            var lastId = items.Count > 0 && items[^1].ValueKind == JsonValueKind.Object
                         && items[^1].TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.String ? id.GetString() : null;
            return (items.Select(s => HomeStatus.Read(s, host)).OfType<HomeStatus>().ToList(), items.Count, lastId);
        }
        catch (JsonException e)
        {
            throw new UpstreamException(502, $"The home instance {host} answered the home timeline with something that is not JSON.", e);
        }
    }

    public void Dispose() => _windows.Dispose();
}
