using System.Text.Json;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using Middleware.Core.Accounts;
using Middleware.Ranking;
using Middleware.Ranking.Engine;

namespace Middleware.Server.ClientApi;

/// <summary>Reads the most recent statuses of a person's home timeline from their instance
/// (several pages, up to the configured window), ranks them with the person's chosen ranker, and
/// keeps the ranked window in memory for paging.</summary>
public sealed class HomeTimeline(HomeInstanceClient home, IRankingRunner runner, IOptions<ClientApiOptions> options, TimeProvider clock)
    : IDisposable
{
    private readonly MemoryCache _windows = new(new MemoryCacheOptions { SizeLimit = 2_000 });

    /// <summary>Either a ranked window or the home instance's own non-success answer to pass on.</summary>
    public sealed record Outcome(RankedWindow? Window, HomeInstanceClient.Answer? Refusal);

    public RankedWindow? Find(long accountId, string windowId) =>
        _windows.TryGetValue((accountId, windowId), out RankedWindow? window) ? window : null;

    /// <summary>Ranks the newest statuses; with <paramref name="sinceId"/>, only those newer than it.</summary>
    public async Task<Outcome> RankAsync(ClientAccount account, string upstreamToken, string? sinceId, CancellationToken ct)
    {
        var settings = options.Value;
        var statuses = new List<HomeStatus>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        string? maxId = null;
        var full = false;
        while (statuses.Count < settings.RankedWindow)
        {
            var query = $"/api/v1/timelines/home?limit={settings.UpstreamPageSize}"
                        + (maxId is null ? "" : $"&max_id={Uri.EscapeDataString(maxId)}")
                        + (sinceId is null ? "" : $"&since_id={Uri.EscapeDataString(sinceId)}");
            var answer = await home.SendAsync(account.InstanceHost, HttpMethod.Get, query, upstreamToken, null, ct);
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

        var window = await OrderAsync(account, statuses, full ? maxId : null, ct);
        _windows.Set((account.Id, window.Id), window,
            new MemoryCacheEntryOptions { Size = 1, SlidingExpiration = TimeSpan.FromMinutes(30) });
        return new Outcome(window, null);
    }

    private async Task<RankedWindow> OrderAsync(ClientAccount account, List<HomeStatus> statuses, string? olderFromId, CancellationToken ct)
    {
        var id = Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(6));
        if (statuses.Count == 0)
            return new RankedWindow(id, [], null, olderFromId, account.Preference.Ranker);
        var request = new RankingRequest
        {
            Feed = "home",
            Viewer = account.ActorUri,
            Candidates = statuses.Select(s => s.Candidate).ToList(),
            Limit = statuses.Count,
            Parameters = ParametersOf(account.Preference),
            Now = clock.GetUtcNow(),
        };
        RankingOutcome outcome;
        try
        {
            outcome = await runner.RunAsync(account.Preference.Ranker, request, ct);
        }
        catch (RankerParameterException)
        {
            // Parameters were valid when saved; a plugin update may have changed its rules since.
            outcome = await runner.RunAsync("chronological", request with { Parameters = RankerParameters.Empty }, ct);
        }
        var byUri = statuses.ToDictionary(s => s.Candidate.PostUri, StringComparer.Ordinal);
        var ranked = outcome.Result.Items.Select(i => byUri.GetValueOrDefault(i.PostUri)).OfType<HomeStatus>().ToList();
        return new RankedWindow(id, ranked, statuses[0].Id, olderFromId, outcome.Ranker);
    }

    public static RankerParameters ParametersOf(RankingPreference preference)
    {
        using var json = JsonDocument.Parse(preference.ParametersJson);
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
