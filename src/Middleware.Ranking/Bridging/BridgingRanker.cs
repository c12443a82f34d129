using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Middleware.Core.Ranking;
using Middleware.Ranking.Engine;

namespace Middleware.Ranking.Bridging;

/// <summary>Ranks posts by their bridging score: approval across the main divide of the audience,
/// with the part explained by one side's preference removed (Community Notes' matrix factorisation,
/// see <c>docs/ranking.md</c> and ADR 0010). Ranking reads the latest fitted snapshot and never
/// fits; <see cref="RefitAsync"/> (run by <see cref="BridgingRefitSchedule"/>) replaces it.</summary>
public sealed class BridgingRanker(IRatingSource source, IOptions<BridgingOptions> options, ILogger<BridgingRanker> log, TimeProvider? clock = null)
    : IRanker, IRefittable
{
    public const string Id = "bridging";

    private readonly TimeProvider clock = clock ?? TimeProvider.System;
    private readonly SemaphoreSlim refitTurn = new(1, 1);
    private BridgingSnapshot? snapshot;
    private RefitReport? lastRefit;

    string IRefittable.Id => Id;

    public RefitReport? LastRefit => Volatile.Read(ref lastRefit);

    public RankerMetadata Metadata { get; } = new()
    {
        Id = Id,
        Version = "1.0.0",
        Description = "Bridging: posts endorsed across the main divide of the audience come first (Community Notes' matrix factorisation, refitted in the background).",
        MainParameters = "Favourites and boosts from all accounts, and posts people were shown but passed over, are used to find the main divide in the audience. "
            + "A post scores high when people on both sides endorse it; support that comes from one side only is set aside. "
            + "Groups of accounts that act in lockstep count as one. New posts with too few reactions are placed in the middle, as an average post would be. Nothing about you changes the order.",
        UsesProfiling = false,
        Parameters =
        [
            new ParameterDescriptor("minRatings", ParameterType.Integer, options.Value.MinRatings, "Weighted ratings a post needs before its bridging score is used; fewer is cold start.") { Minimum = 0, Maximum = 100_000 },
        ],
    };

    public ValueTask<RankingResult> RankAsync(RankingRequest request, CancellationToken cancellationToken)
    {
        var minRatings = request.Parameters.GetInteger("minRatings", options.Value.MinRatings, 0, 100_000);
        var current = Volatile.Read(ref snapshot);
        var placed = new List<(Candidate Candidate, double Score, PostScore Known, bool Scored)>(request.Candidates.Count);
        foreach (var c in request.Candidates)
        {
            PostScore s = default;
            var known = current is not null && current.TryGet(c.PostUri, out s);
            var scored = known && s.Evidence >= minRatings;
            placed.Add((c, scored ? s.Intercept : current?.ColdStartScore ?? 0, s, scored));
        }
        // Explanations only for what is returned: a feed may rank thousands of candidates for 20 items.
        var items = placed
            .OrderByDescending(p => p.Score)
            .ThenByDescending(p => p.Candidate.Published)
            .ThenBy(p => p.Candidate.PostUri, StringComparer.Ordinal)
            .Take(request.Limit)
            .Select(p => new RankedItem(p.Candidate.PostUri, p.Score, p.Scored
                ? BridgingExplanation.Scored(p.Known, current!)
                : BridgingExplanation.ColdStart(p.Known.Evidence, minRatings, current)))
            .ToList();
        return ValueTask.FromResult(new RankingResult(items)
        {
            Notice = current is null ? "The bridging model has not been fitted yet, so every post is in cold start (newest first)." : null,
        });
    }

    /// <summary>What the latest fit knows about the post, or null when it was never fitted or the
    /// post had no ratings in it.</summary>
    public BridgingPostEvidence? Evidence(string postUri)
    {
        var current = Volatile.Read(ref snapshot);
        if (current is null || !current.TryGet(postUri, out var s))
            return null;
        return new BridgingPostEvidence(s.Evidence, s.Intercept, s.Evidence >= options.Value.MinRatings, current.FittedAt);
    }

    public async Task<RefitReport> RefitAsync(CancellationToken ct)
    {
        await refitTurn.WaitAsync(ct);
        try
        {
            var o = options.Value;
            var started = clock.GetUtcNow();
            var timer = Stopwatch.StartNew();
            if (o.Problem() is { } problem)
            {
                var refused = Failed(started, TimeSpan.Zero, $"{BridgingOptions.Section}: {problem}");
                Volatile.Write(ref lastRefit, refused);
                return refused;
            }
            using var budget = CancellationTokenSource.CreateLinkedTokenSource(ct);
            budget.CancelAfter(o.RefitBudget);
            RefitReport report;
            try
            {
                var signals = await RatingLog.ReadAsync(source, started - o.Lookback, budget.Token);
                var (fitted, fitReport) = await Task.Run(() => BridgingFit.Run(signals, o, started, budget.Token), budget.Token);
                Volatile.Write(ref snapshot, fitted);
                report = fitReport with { Duration = timer.Elapsed };
                log.LogInformation("Bridging refit: {Ratings} ratings, {Raters} raters, {Posts} posts, {Clusters} lockstep clusters, {Iterations} iterations in {Duration}",
                    report.Ratings, report.Raters, report.Posts, report.LockstepClusters, report.Iterations, report.Duration);
            }
            catch (Exception) when (budget.IsCancellationRequested && !ct.IsCancellationRequested)
            {
                report = Failed(started, timer.Elapsed, $"The refit exceeded its budget of {o.RefitBudget.TotalSeconds:0.###} s; the previous model stays.");
                log.LogWarning("Bridging refit exceeded its budget of {Budget}", o.RefitBudget);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                Volatile.Write(ref lastRefit, Failed(started, timer.Elapsed, "The refit was cancelled; the previous model stays."));
                throw;
            }
            catch (Exception e)
            {
                report = Failed(started, timer.Elapsed, $"{e.GetType().Name}: {e.Message}");
                log.LogError(e, "Bridging refit failed; the previous model stays");
            }
            Volatile.Write(ref lastRefit, report);
            return report;
        }
        finally
        {
            refitTurn.Release();
        }
    }

    private static RefitReport Failed(DateTimeOffset started, TimeSpan duration, string error) =>
        new() { Started = started, Duration = duration, Succeeded = false, Error = error };
}
