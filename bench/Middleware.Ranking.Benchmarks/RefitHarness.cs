using System.Diagnostics;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Middleware.Ranking.Bridging;
using Middleware.Synthetic;

namespace Middleware.Ranking.Benchmarks;

/// <summary>Times one bridging refit (reading, lockstep detection and fitting) on synthetic
/// audiences of growing size, and the memory it takes. A stopwatch harness: one refit on a million
/// interactions is too long for BenchmarkDotNet's repetitions.</summary>
internal static class RefitHarness
{
    /// <summary>(users, posts): about 20 interactions per user, twice as many posts as users.</summary>
    private static readonly (int Users, int Posts)[] Sizes = [(5_000, 10_000), (15_000, 30_000), (50_000, 100_000)];

    public static async Task RunAsync(string[] args)
    {
        var sizes = args.Length > 1 ? Sizes.Take(int.Parse(args[1])).ToArray() : Sizes;
        var stages = new List<string>();
        Console.WriteLine("| users | posts | interactions | ratings fitted | coordinated groups (accounts) | iterations | refit (s) | allocated during refit (MB) | process peak working set (MB) |");
        Console.WriteLine("|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var (users, posts) in sizes)
        {
            var data = SyntheticAudience.Generate(new SyntheticOptions
            {
                Seed = 1, Users = users, Posts = posts, SeenPerUser = 28, CoordinatedAccounts = 40,
            });
            var source = new SyntheticRatingSource(data.Ratings);
            var ranker = new BridgingRanker(source, Options.Create(new BridgingOptions()), NullLogger<BridgingRanker>.Instance, new Clock(data.Options.Now));
            GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
            var allocated = GC.GetTotalAllocatedBytes(precise: true);
            var timer = Stopwatch.StartNew();
            var report = await ranker.RefitAsync(default);
            timer.Stop();
            allocated = GC.GetTotalAllocatedBytes(precise: true) - allocated;
            if (!report.Succeeded)
                throw new InvalidOperationException(report.Error);
            using var self = Process.GetCurrentProcess();
            stages.Add(RefitStages.Time(data.Ratings, new BridgingOptions()));
            Console.WriteLine($"| {users:N0} | {posts:N0} | {report.Signals:N0} | {report.Ratings:N0} | {report.CoordinatedGroups} ({report.AccountsFlagged}) | {report.Iterations} | {timer.Elapsed.TotalSeconds:0.00} | {allocated / 1e6:N0} | {self.PeakWorkingSet64 / 1e6:N0} |");
        }
        Console.WriteLine();
        Console.WriteLine("Stages of a second refit of the same data (seconds):");
        Console.WriteLine();
        Console.WriteLine("| interactions | read and intern | collapse per pair | guard | matrix and negatives | fit | snapshot |");
        Console.WriteLine("|---:|---:|---:|---:|---:|---:|---:|");
        stages.ForEach(Console.WriteLine);
    }

    private sealed class Clock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
