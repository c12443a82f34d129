using System.Diagnostics;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Middleware.Ranking.Bridging;
using Middleware.Synthetic;

namespace Middleware.Ranking.Benchmarks;

/// <summary>Times one bridging refit (reading, the coordination guard and fitting) on synthetic
/// audiences of growing size, with the guard and without it side by side, and the memory it takes.
/// A stopwatch harness: one refit on a million interactions is too long for BenchmarkDotNet's
/// repetitions.</summary>
internal static class RefitHarness
{
    /// <summary>(users, posts, timing): about 20 interactions per user, twice as many posts as users;
    /// the last is the largest again with everyone acting in the same ten minutes.</summary>
    private static readonly (int Users, int Posts, Timing Timing)[] Sizes =
        [(5_000, 10_000, Timing.Spread), (15_000, 30_000, Timing.Spread), (50_000, 100_000, Timing.Spread), (50_000, 100_000, Timing.Burst)];

    public static async Task RunAsync(string[] args)
    {
        var sizes = args.Length > 1 ? Sizes.Take(int.Parse(args[1])).ToArray() : Sizes;
        var stages = new List<string>();
        Console.WriteLine("| users | posts | timing | interactions | ratings fitted | coordinated groups (accounts) | iterations | refit (s) | guard (s) | refit without the guard (s) | allocated during refit (MB) | process peak working set (MB) |");
        Console.WriteLine("|---:|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var (users, posts, timing) in sizes)
        {
            var data = SyntheticAudience.Generate(new SyntheticOptions
            {
                Seed = 1, Users = users, Posts = posts, SeenPerUser = 28, CoordinatedAccounts = 40, Timing = timing,
            });
            var (report, seconds, allocated) = await RefitAsync(data, new BridgingOptions());
            var (_, unguarded, _) = await RefitAsync(data, new BridgingOptions { Coordination = { Enabled = false } });
            using var self = Process.GetCurrentProcess();
            stages.Add(RefitStages.Time(data, new BridgingOptions()));
            Console.WriteLine($"| {users:N0} | {posts:N0} | {timing.ToString().ToLowerInvariant()} | {report.Signals:N0} | {report.Ratings:N0} | {report.CoordinatedGroups} ({report.AccountsFlagged}) | {report.Iterations} "
                + $"| {seconds:0.00} | {report.GuardDuration.TotalSeconds:0.00} | {unguarded:0.00} | {allocated / 1e6:N0} | {self.PeakWorkingSet64 / 1e6:N0} |");
        }
        Console.WriteLine();
        Console.WriteLine("Stages of a third refit of the same data (seconds):");
        Console.WriteLine();
        Console.WriteLine("| interactions | read and intern | collapse per pair | guard | matrix and negatives | fit | snapshot |");
        Console.WriteLine("|---:|---:|---:|---:|---:|---:|---:|");
        stages.ForEach(Console.WriteLine);
    }

    private static async Task<(Engine.RefitReport Report, double Seconds, long Allocated)> RefitAsync(SyntheticData data, BridgingOptions options)
    {
        var ranker = new BridgingRanker(new SyntheticRatingSource(data.Ratings), Options.Create(options), NullLogger<BridgingRanker>.Instance,
            new Evaluation.Clock(data.Options.Now), new SyntheticAccountEvidence(data));
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        var allocated = GC.GetTotalAllocatedBytes(precise: true);
        var timer = Stopwatch.StartNew();
        var report = await ranker.RefitAsync(default);
        timer.Stop();
        if (!report.Succeeded)
            throw new InvalidOperationException(report.Error);
        return (report, timer.Elapsed.TotalSeconds, GC.GetTotalAllocatedBytes(precise: true) - allocated);
    }
}
