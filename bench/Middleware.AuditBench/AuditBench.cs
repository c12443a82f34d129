using System.Diagnostics;
using Dapper;
using Microsoft.Extensions.Options;
using Middleware.Core.Audit;
using Middleware.Data;
using Middleware.Data.Audit;
using Middleware.Data.Migrations;
using Middleware.Server.Audit;

namespace Middleware.AuditBench;

/// <summary><c>dotnet run -c Release --project bench/Middleware.AuditBench [-- positions]</c>: writes
/// <c>positions</c> served positions (default 1,000,000) over 7 days for one feed, in serves of 20, over
/// 50,000 posts by 5,000 authors on 200 instances in 10 languages (the feed favouring a few authors, the
/// baseline spread evenly), 50 authors in a flagged group; then audits the 7 days cold and cached.</summary>
public static class AuditBench
{
    private static readonly DateTimeOffset End = new(2026, 12, 6, 0, 0, 0, TimeSpan.Zero);

    public static async Task<int> Main(string[] args)
    {
        var positions = args.Length > 0 ? int.Parse(args[0]) : 1_000_000;
        var directory = Path.Combine(Path.GetTempPath(), "middleware-audit-bench-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        try
        {
            var db = new SqliteConnectionFactory($"Data Source={Path.Combine(directory, "bench.db")}");
            await new MigrationRunner(db, TimeProvider.System).ApplyAsync();
            var store = new ServedPositionStore(db);

            var write = Stopwatch.StartNew();
            await FillAsync(store, positions);
            await FlagGroupAsync(db);
            write.Stop();
            Console.WriteLine($"wrote {positions:N0} served positions in {write.Elapsed.TotalSeconds:0.0} s "
                + $"({positions / write.Elapsed.TotalSeconds:N0}/s); database {new FileInfo(Path.Combine(directory, "bench.db")).Length / 1e6:0.0} MB");

            var reports = new AuditReports(store, Options.Create(new AuditOptions()), TimeProvider.System);
            var range = new AuditRange(End.AddDays(-7), End);
            var cold = Stopwatch.StartNew();
            var report = await reports.ForAsync("bench", range, CancellationToken.None);
            cold.Stop();
            var warm = Stopwatch.StartNew();
            await reports.ForAsync("bench", range, CancellationToken.None);
            warm.Stop();
            Console.WriteLine($"audit over 7 days: cold {cold.Elapsed.TotalSeconds:0.00} s, cached {warm.Elapsed.TotalMilliseconds:0.000} ms; "
                + $"{report.FeedExposures:N0} feed / {report.BaselineExposures:N0} chronological exposures, {report.Authors.Count:N0} authors, "
                + $"Gini {report.FeedConcentration.Gini:0.00} vs {report.BaselineConcentration.Gini:0.00}");
            return 0;
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(directory, recursive: true);
        }
    }

    private static ServedPost Post(int i) => new($"https://i{i % 200}.example/notes/{i}", $"https://i{i % 200}.example/users/u{i % 5000}",
        $"i{i % 200}.example", $"l{i % 10}", End.AddDays(-7).AddSeconds(i * 12), i % 97 == 0 ? 0.8 : 0);

    private static async Task FillAsync(ServedPositionStore store, int positions)
    {
        const int perServe = 20, serveBatch = 500;
        var random = new Random(42);
        var posts = Enumerable.Range(0, 50_000).Select(Post).ToArray();
        var serves = positions / perServe;
        var batch = new List<ServedPage>(serveBatch);
        for (var s = 0; s < serves; s++)
        {
            var at = End.AddDays(-7).AddSeconds((double)s / serves * 7 * 86_400);
            var served = new ServedPosition[perServe];
            for (var p = 0; p < perServe; p++)
            {
                // The feed leans to low-numbered posts (a few authors); the baseline picks evenly.
                var favoured = (int)(Math.Pow(random.NextDouble(), 3) * posts.Length);
                served[p] = new ServedPosition(p, posts[favoured], posts[random.Next(posts.Length)]);
            }
            batch.Add(new ServedPage("bench", ServedSurface.Skeleton, at, served));
            if (batch.Count == serveBatch)
            {
                await store.AppendAsync(batch);
                batch.Clear();
            }
        }
        await store.AppendAsync(batch);
    }

    private static async Task FlagGroupAsync(IDbConnectionFactory db)
    {
        await using var connection = await db.OpenForWriteAsync();
        const string group = """
            INSERT INTO coordinated_groups (id, fingerprint, kind, score, members, reasons, first_detected_at, last_detected_at, detections)
            VALUES (1, 'bench', 'co-boost', 0.9, 50, '[]', 0, 0, 1)
            """;
        await connection.ExecuteAsync(group);
        const string member = "INSERT INTO coordinated_group_members (group_id, actor_uri) VALUES (1, @Actor)";
        await connection.ExecuteAsync(member, Enumerable.Range(0, 50).Select(i => new { Actor = Post(i * 100).Author }));
    }
}
