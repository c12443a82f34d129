using Middleware.Ranking.Engine;

namespace Middleware.Ranking.Bridging;

/// <summary>One fit from signals to snapshot: collapse per (rater, post), discount lockstep
/// accounts, build the weighted matrix, fit, summarise. Synchronous and CPU-bound; cancellation is
/// checked between stages and between iterations.</summary>
internal static class BridgingFit
{
    public static (BridgingSnapshot Snapshot, RefitReport Report) Run(RatingLog log, BridgingOptions options, DateTimeOffset fittedAt, CancellationToken ct)
    {
        var pairs = RatingPairs.Collapse(log, ct);
        var lockstep = LockstepDetector.Detect(pairs, options, ct);
        var matrix = RatingMatrix.Build(pairs, lockstep, options, ct);
        var model = BridgingModel.Fit(matrix, options, ct);
        var snapshot = SnapshotBuilder.Build(log, matrix, lockstep, model, options.MinRatings, fittedAt);
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
            LockstepClusters = lockstep.Clusters,
            AccountsDiscounted = lockstep.AccountsDiscounted,
            Iterations = model.Iterations,
            FinalLoss = model.Loss,
        };
        return (snapshot, report);
    }
}
