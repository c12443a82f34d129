using System.Diagnostics;
using Middleware.Ranking.Coordination;
using Middleware.Ranking.Engine;

namespace Middleware.Ranking.Bridging;

/// <summary>One fit from signals to snapshot: collapse per (rater, post), find groups acting together,
/// build the weighted matrix (each group one voice per post), fit, summarise. Synchronous and
/// CPU-bound; cancellation is checked between stages and between iterations.</summary>
internal static class BridgingFit
{
    public static (BridgingSnapshot Snapshot, RefitReport Report) Run(RatingLog log, CoordinationFacts facts, BridgingOptions options,
        DateTimeOffset fittedAt, CancellationToken ct)
    {
        var pairs = RatingPairs.Collapse(log, ct);
        var guard = Stopwatch.StartNew();
        var coordination = CoordinationGuard.Detect(pairs, log.Raters, log.Posts, facts, options.Coordination, ct);
        guard.Stop();
        var (snapshot, report) = Run(log, pairs, coordination, options, fittedAt, ct);
        return (snapshot, report with { GuardDuration = guard.Elapsed });
    }

    /// <summary>The fit with the groups already decided (the guard's, or a test's).</summary>
    internal static (BridgingSnapshot Snapshot, RefitReport Report) Run(RatingLog log, RatingPairs pairs, CoordinationResult coordination,
        BridgingOptions options, DateTimeOffset fittedAt, CancellationToken ct)
    {
        var matrix = RatingMatrix.Build(pairs, coordination, options, ct);
        var model = BridgingModel.Fit(matrix, options, ct);
        var snapshot = SnapshotBuilder.Build(log, matrix, coordination, model, options.MinRatings, fittedAt);
        var report = new RefitReport
        {
            Started = fittedAt,
            Duration = TimeSpan.Zero,
            Succeeded = true,
            Signals = log.Count,
            Ratings = matrix.Count,
            ImplicitNegatives = matrix.ImplicitNegatives,
            Raters = matrix.Raters,
            Posts = matrix.Posts,
            CoordinatedGroups = coordination.Groups.Count,
            AccountsFlagged = coordination.AccountsFlagged,
            Iterations = model.Iterations,
            FinalLoss = model.Loss,
        };
        return (snapshot, report);
    }
}
