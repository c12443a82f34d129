using System.Diagnostics;
using Middleware.Core.Ranking;
using Middleware.Ranking.Bridging;
using Middleware.Ranking.Coordination;

namespace Middleware.Ranking.Benchmarks;

/// <summary>The refit's stages timed one by one, to show which part grows how.</summary>
internal static class RefitStages
{
    public static string Time(Middleware.Synthetic.SyntheticData data, BridgingOptions options)
    {
        var signals = data.Ratings;
        var facts = TextGroups.Build(new Middleware.Synthetic.SyntheticAccountEvidence(data).ReadAsync(DateTimeOffset.MinValue).Result);
        var timer = Stopwatch.StartNew();
        var log = RatingLog.From(signals);
        var read = timer.Elapsed;
        var pairs = RatingPairs.Collapse(log, default);
        var collapse = timer.Elapsed;
        var coordination = CoordinationGuard.Detect(pairs, log.Raters, log.Posts, facts, options.Coordination, default);
        var detect = timer.Elapsed;
        var matrix = RatingMatrix.Build(pairs, coordination, options, default);
        var build = timer.Elapsed;
        var model = BridgingModel.Fit(matrix, options, default);
        var fit = timer.Elapsed;
        SnapshotBuilder.Build(log, matrix, coordination, model, options.MinRatings, DateTimeOffset.UnixEpoch);
        var snapshot = timer.Elapsed;
        return $"| {signals.Count:N0} | {S(read)} | {S(collapse - read)} | {S(detect - collapse)} | {S(build - detect)} | {S(fit - build)} ({model.Iterations} it.) | {S(snapshot - fit)} |";
    }

    private static string S(TimeSpan t) => t.TotalSeconds.ToString("0.00");
}
