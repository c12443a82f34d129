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
    public static async Task RunAsync(string[] args)
    {
        var seeds = args.Length > 1 ? Enumerable.Range(1, int.Parse(args[1])).ToArray() : [1, 2, 3, 4, 5];
        var names = args.Length > 2 ? args[2].Split(',') : Scenarios.Names.ToArray();
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
            }
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
        Console.WriteLine($"| {name} | {seed} | {label} | {GroundTruth.PrecisionAt(ranking, data):0.00} | {GroundTruth.Auc(ranking, data):0.000} | {Target(ranking, data)} "
            + $"| {(data.CoordinatedAccounts.Count == 0 ? "" : $"{GroundTruth.Recall(flagged, data):0.00}")} | {GroundTruth.OrganicFlagged(flagged, data):0.000} | {report.CoordinatedGroups} | {report.GuardDuration.TotalMilliseconds:0} |");
    }

    private static string Target(IReadOnlyList<string> ranking, SyntheticData data) =>
        data.BotTarget is null ? "" : (GroundTruth.TargetRank(ranking, data) + 1).ToString();
}
