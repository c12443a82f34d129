using System.Diagnostics;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Middleware.Core.Import;
using Middleware.Core.Posts;
using Middleware.Core.Ranking;
using Middleware.Data;
using Middleware.Data.Coordination;
using Middleware.Data.Import;
using Middleware.Data.Migrations;
using Middleware.Data.Ranking;
using Middleware.Ranking.Bridging;
using Middleware.Synthetic;

namespace Middleware.Ranking.Benchmarks;

/// <summary>The bridging refit on SQLite and on PostgreSQL side by side (issue 13): one synthetic
/// audience (about 20 interactions per user) is written into SQLite through the product's own import
/// (<see cref="ImportStore"/>) and copied row for row into PostgreSQL, then refitted several times, alternating the stores, each refit
/// reading through the product's <see cref="RatingSource"/> and <see cref="AccountEvidenceSource"/>
/// exactly as the service does. What differs is only the database under the same store code.</summary>
internal static class RefitStoresHarness
{
    /// <summary>args: refit-stores SQLITE-FILE POSTGRES-CONNECTION [users=50000] [repeats=3]</summary>
    public static async Task RunAsync(string[] args)
    {
        var users = args.Length > 3 ? int.Parse(args[3]) : 50_000;
        var repeats = args.Length > 4 ? int.Parse(args[4]) : 3;
        var data = SyntheticAudience.Generate(new SyntheticOptions
        {
            Seed = 1, Users = users, Posts = users * 2, SeenPerUser = 28, CoordinatedAccounts = 40, Timing = Timing.Spread,
        });
        IDbConnectionFactory[] stores = [new SqliteConnectionFactory($"Data Source={args[1]}"), new PostgresConnectionFactory(args[2])];
        var batch = ToImport(data);
        Console.WriteLine($"{users:N0} users, {data.Posts.Count:N0} posts, {data.Ratings.Count:N0} rating signals");
        Console.WriteLine();
        // SQLite through the product's import; PostgreSQL then gets the very same rows (StoreCopy).
        var timer = Stopwatch.StartNew();
        await new MigrationRunner(stores[0], TimeProvider.System).ApplyAsync();
        var outcome = await new ImportStore(stores[0], TimeProvider.System).ImportAsync(batch);
        if (!outcome.Applied)
            throw new InvalidOperationException(outcome.Problems[0].Error);
        Console.WriteLine($"imported into SQLite through ImportStore in {timer.Elapsed.TotalSeconds:0} s: "
            + $"{outcome.PostsAdded + outcome.InteractionsAdded + outcome.Impressions:N0} rows (posts + interactions + impressions)");
        timer.Restart();
        await new MigrationRunner(stores[1], TimeProvider.System).ApplyAsync();
        await StoreCopy.CopyAsync(args[1], args[2]);
        Console.WriteLine($"copied into PostgreSQL (binary COPY) in {timer.Elapsed.TotalSeconds:0} s");

        var seconds = stores.ToDictionary(s => s.Dialect, _ => new List<double>());
        Console.WriteLine();
        Console.WriteLine("| run | store | signals read | ratings fitted | iterations | refit (s) | reading alone, a second pass (s) |");
        Console.WriteLine("|---:|---|---:|---:|---:|---:|---:|");
        for (var run = 1; run <= repeats; run++)
        {
            // Alternating which store goes first, so neither always meets a warmer machine.
            foreach (var store in run % 2 == 1 ? stores : stores.Reverse())
            {
                var (report, elapsed, read) = await RefitAsync(store, data.Options.Now);
                seconds[store.Dialect].Add(elapsed);
                Console.WriteLine($"| {run} | {store.Dialect} | {report.Signals:N0} | {report.Ratings:N0} | {report.Iterations} | {elapsed:0.00} | {read:0.00} |");
            }
        }
        Console.WriteLine();
        foreach (var (dialect, list) in seconds)
            Console.WriteLine($"median refit on {dialect}: **{Median(list):0.00} s** ({repeats} runs: {string.Join(", ", list.Select(s => s.ToString("0.00")))})");
    }

    private static async Task<(Engine.RefitReport Report, double Seconds, double Read)> RefitAsync(IDbConnectionFactory store, DateTimeOffset now)
    {
        var ranker = new BridgingRanker(new RatingSource(store), Options.Create(new BridgingOptions()), NullLogger<BridgingRanker>.Instance,
            new Evaluation.Clock(now), new AccountEvidenceSource(store));
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        var timer = Stopwatch.StartNew();
        var report = await ranker.RefitAsync(default);
        timer.Stop();
        if (!report.Succeeded)
            throw new InvalidOperationException(report.Error);
        // Reading alone (the part the store decides): the signals streamed and counted, nothing fitted.
        var readTimer = Stopwatch.StartNew();
        var count = 0;
        await foreach (var _ in new RatingSource(store).ReadAsync(now - new BridgingOptions().Lookback))
            count++;
        return (report, timer.Elapsed.TotalSeconds, readTimer.Elapsed.TotalSeconds);
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
    }

    private static ImportBatch ToImport(SyntheticData data)
    {
        var posts = data.Posts.Select((p, i) => new ImportedPost(i, new Post
        {
            Uri = p.Uri, AuthorUri = p.Author, Instance = new Uri(p.Author).Host, ContentText = p.Text, Language = p.Language,
            Published = p.Published, Visibility = Visibility.Public,
        })).ToList();
        var interactions = data.Ratings.Select((r, i) => new ImportedInteraction(i, r.Kind switch
        {
            RatingKind.Favourite => ImportedKind.Favourite,
            RatingKind.Boost => ImportedKind.Boost,
            RatingKind.Disagree => ImportedKind.Disagree,
            _ => ImportedKind.Seen,
        }, r.Rater, r.Post, r.At)).ToList();
        var accounts = data.AccountsCreated.Select((a, i) => new ImportedAccount(i, a.Key, a.Value)).ToList();
        return new ImportBatch(posts, interactions) { Accounts = accounts };
    }
}
