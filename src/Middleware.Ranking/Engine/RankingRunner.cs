using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Middleware.Ranking.Builtin;

namespace Middleware.Ranking.Engine;

/// <inheritdoc />
public sealed class RankingRunner(RankerCatalog catalog, IOptions<RankingOptions> options, ILogger<RankingRunner> log) : IRankingRunner
{
    private readonly ChronologicalRanker fallback = new();

    public async Task<RankingOutcome> RunAsync(string rankerId, RankingRequest request, CancellationToken ct = default)
    {
        using var span = RankingTelemetry.Source.StartActivity("rank");
        span?.SetTag("ranker", rankerId);
        span?.SetTag("candidates", request.Candidates.Count);
        var started = Stopwatch.GetTimestamp();
        var outcome = await RankAsync(rankerId, request, ct);
        var fallback = outcome.FallbackReason is not null;
        RankingTelemetry.RecordRanking(rankerId, Stopwatch.GetElapsedTime(started), fallback);
        span?.SetTag("fallback", fallback);
        return outcome;
    }

    private async Task<RankingOutcome> RankAsync(string rankerId, RankingRequest request, CancellationToken ct)
    {
        var ranker = catalog.Find(rankerId);
        if (ranker is null)
        {
            var entry = catalog.Describe(rankerId);
            var reason = entry is null
                ? $"There is no ranker '{rankerId}'."
                : $"The ranker '{rankerId}' is not loaded: {entry.Error}";
            return await FallBackAsync(request, reason, ct);
        }

        var budget = options.Value.TimeBudget;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(budget);
        RankingResult result;
        try
        {
            // Task.Run: a ranker that computes synchronously and never looks at its token must not
            // hold the caller past the budget.
            var work = Task.Run(async () => await ranker.RankAsync(request, timeout.Token), timeout.Token);
            result = await work.WaitAsync(budget, ct);
        }
        catch (RankerParameterException)
        {
            throw;
        }
        catch (Exception e) when (!ct.IsCancellationRequested && e is TimeoutException or OperationCanceledException)
        {
            log.LogWarning("Ranker {Ranker} exceeded its time budget of {Budget}", rankerId, budget);
            return await FallBackAsync(request, $"The ranker '{rankerId}' did not finish within its time budget of {budget.TotalMilliseconds:0} ms.", ct);
        }
        catch (Exception e) when (!ct.IsCancellationRequested)
        {
            log.LogWarning(e, "Ranker {Ranker} failed", rankerId);
            return await FallBackAsync(request, $"The ranker '{rankerId}' failed: {e.GetType().Name}: {e.Message}", ct);
        }

        if (Invalid(result, request) is { } problem)
        {
            log.LogWarning("Ranker {Ranker} returned an invalid result: {Problem}", rankerId, problem);
            return await FallBackAsync(request, $"The ranker '{rankerId}' returned an invalid result: {problem}", ct);
        }
        var items = result.Items.Count > request.Limit ? result.Items.Take(request.Limit).ToList() : result.Items;
        return new RankingOutcome(result with { Items = items }, rankerId, null);
    }

    private async Task<RankingOutcome> FallBackAsync(RankingRequest request, string reason, CancellationToken ct)
    {
        var result = await fallback.RankAsync(request with { Parameters = RankerParameters.Empty }, ct);
        var items = result.Items
            .Select(i => i with { Explanation = i.Explanation with { Fallback = reason } })
            .ToList();
        return new RankingOutcome(new RankingResult(items) { Notice = reason + " Showing the newest posts first instead." }, fallback.Metadata.Id, reason);
    }

    private static string? Invalid(RankingResult? result, RankingRequest request)
    {
        if (result?.Items is null)
            return "no items.";
        var candidates = new HashSet<string>(request.Candidates.Select(c => c.PostUri), StringComparer.Ordinal);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var item in result.Items)
        {
            if (item is null || item.Explanation is null)
                return "an item without an explanation.";
            if (!candidates.Contains(item.PostUri))
                return $"'{item.PostUri}' was not a candidate.";
            if (!seen.Add(item.PostUri))
                return $"'{item.PostUri}' appears twice.";
            if (double.IsNaN(item.Score))
                return $"'{item.PostUri}' has no score (NaN).";
        }
        return null;
    }
}
