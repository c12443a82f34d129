using System.Diagnostics;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Middleware.Ranking.Bridging;
using Middleware.Ranking.Builtin;
using Middleware.Synthetic;

namespace Middleware.Ranking.Benchmarks;

/// <summary>The coordination guard on every scenario (tools/Middleware.Synthetic, <see cref="Scenarios"/>)
/// and several seeds: bridging with the guard, without it, and engagement, measured against the truth.
/// Prints the table of docs/ranking.md.</summary>
internal static class GuardHarness
{
    private sealed record Measured(string Scenario, string Ranker, double Precision, double Auc, int TargetRank, double? Recall, double? Organic);

    private static readonly List<Measured> Rows = [];

    public static async Task RunAsync(string[] args)
    {
        var seeds = args.Length > 1 ? Enumerable.Range(1, int.Parse(args[1])).ToArray() : [1, 2, 3, 4, 5];
        var names = args.Length > 2 ? args[2].Split(',') : Scenarios.Names.ToArray();
        Rows.Clear();
        Console.WriteLine("| scenario | seed | ranker | precision@10 | AUC | target rank | bots flagged | organic flagged | groups | guard (ms) |");
        Console.WriteLine("|---|---:|---|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var name in names)
        {
            foreach (var seed in seeds)
            {
                var data = Scenarios.Generate(name, seed);
                await Row(name, seed, "bridging", data, new BridgingOptions());
                await Row(name, seed, "bridging, no guard", data, new BridgingOptions { Coordination = { Enabled = false } });
                var engagement = await Evaluation.RankAsync(new EngagementRanker(), data, Evaluation.NoDecay);
                Console.WriteLine($"| {name} | {seed} | engagement | {GroundTruth.PrecisionAt(engagement, data):0.00} | {GroundTruth.Auc(engagement, data):0.000} | {Target(engagement, data)} | | | | |");
                Rows.Add(new Measured(name, "engagement", GroundTruth.PrecisionAt(engagement, data), GroundTruth.Auc(engagement, data), GroundTruth.TargetRank(engagement, data), null, null));
            }
        }
        Summary(seeds.Length);
    }

    /// <summary>Per scenario and ranker, over all seeds: the table of docs/ranking.md.</summary>
    private static void Summary(int seeds)
    {
        Console.WriteLine();
        Console.WriteLine($"Over {seeds} seeds:");
        Console.WriteLine();
        Console.WriteLine("| scenario | ranker | precision@10 mean (min) | AUC mean (min) | bot target in top 10 | bots flagged mean (min) | organic flagged mean (max) |");
        Console.WriteLine("|---|---|---:|---:|---:|---:|---:|");
        foreach (var g in Rows.GroupBy(r => (r.Scenario, r.Ranker)))
        {
            var rows = g.ToList();
            var target = rows.Any(r => r.TargetRank >= 0) ? $"{rows.Count(r => r.TargetRank is >= 0 and < 10)} of {rows.Count}" : "";
            var recall = rows.Any(r => r.Recall is not null) && g.Key.Scenario is not ("crowd" or "sessions")
                ? $"{rows.Average(r => r.Recall!.Value):0.00} ({rows.Min(r => r.Recall!.Value):0.00})" : "";
            var organic = rows.Any(r => r.Organic is not null) ? $"{rows.Average(r => r.Organic!.Value):0.0000} ({rows.Max(r => r.Organic!.Value):0.0000})" : "";
            Console.WriteLine($"| {g.Key.Scenario} | {g.Key.Ranker} | {rows.Average(r => r.Precision):0.00} ({rows.Min(r => r.Precision):0.00}) | {rows.Average(r => r.Auc):0.000} ({rows.Min(r => r.Auc):0.000}) | {target} | {recall} | {organic} |");
        }
    }

    private static async Task Row(string name, int seed, string label, SyntheticData data, BridgingOptions options)
    {
        var ranker = new BridgingRanker(new SyntheticRatingSource(data.Ratings), Options.Create(options), NullLogger<BridgingRanker>.Instance, new Evaluation.Clock(data.Options.Now),
            new SyntheticAccountEvidence(data));
        var timer = Stopwatch.StartNew();
        var report = await ranker.RefitAsync(default);
        if (!report.Succeeded)
            throw new InvalidOperationException(report.Error);
        var ranking = await Evaluation.RankAsync(ranker, data);
        var flagged = ranker.CoordinatedGroups.SelectMany(g => g.Members).ToHashSet(StringComparer.Ordinal);
        Rows.Add(new Measured(name, label, GroundTruth.PrecisionAt(ranking, data), GroundTruth.Auc(ranking, data), GroundTruth.TargetRank(ranking, data),
            GroundTruth.Recall(flagged, data), GroundTruth.OrganicFlagged(flagged, data)));
        Console.WriteLine($"| {name} | {seed} | {label} | {GroundTruth.PrecisionAt(ranking, data):0.00} | {GroundTruth.Auc(ranking, data):0.000} | {Target(ranking, data)} "
            + $"| {(data.CoordinatedAccounts.Count == 0 ? "" : $"{GroundTruth.Recall(flagged, data):0.00}")} | {GroundTruth.OrganicFlagged(flagged, data):0.000} | {report.CoordinatedGroups} | {report.GuardDuration.TotalMilliseconds:0} |");
    }

    private static string Target(IReadOnlyList<string> ranking, SyntheticData data) =>
        data.BotTarget is null ? "" : (GroundTruth.TargetRank(ranking, data) + 1).ToString();

    /// <summary>The learning curve of docs/ranking.md: bridging precision@10 and AUC on deliberations
    /// (150 statements, 25 votes a participant) with more and more participants, so more votes per
    /// statement, averaged over seeds.</summary>
    public static async Task LearningCurveAsync(string[] args)
    {
        var seeds = args.Length > 1 ? int.Parse(args[1]) : 5;
        Console.WriteLine("| participants | votes per statement (mean) | bridging precision@10 | AUC | engagement precision@10 |");
        Console.WriteLine("|---:|---:|---:|---:|---:|");
        foreach (var participants in new[] { 12, 30, 60, 120, 240, 480, 1200 })
        {
            double votes = 0, precision = 0, auc = 0, engagement = 0;
            for (var seed = 1; seed <= seeds; seed++)
            {
                var data = Deliberation.Generate(new DeliberationOptions { Seed = seed, Participants = participants });
                var ranker = new BridgingRanker(new SyntheticRatingSource(data.Ratings), Options.Create(new BridgingOptions()), NullLogger<BridgingRanker>.Instance,
                    new Evaluation.Clock(data.Options.Now), new SyntheticAccountEvidence(data));
                if (!(await ranker.RefitAsync(default)).Succeeded)
                    throw new InvalidOperationException("refit failed");
                var ranking = await Evaluation.RankAsync(ranker, data);
                votes += (double)data.Ratings.Count / data.Posts.Count;
                precision += GroundTruth.PrecisionAt(ranking, data);
                auc += GroundTruth.Auc(ranking, data);
                engagement += GroundTruth.PrecisionAt(await Evaluation.RankAsync(new EngagementRanker(), data, Evaluation.NoDecay), data);
            }
            Console.WriteLine($"| {participants:N0} | {votes / seeds:0.#} | {precision / seeds:0.00} | {auc / seeds:0.000} | {engagement / seeds:0.00} |");
        }
    }
}
