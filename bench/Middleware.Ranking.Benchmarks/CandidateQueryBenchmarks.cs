using BenchmarkDotNet.Attributes;
using Microsoft.Data.Sqlite;
using Middleware.Core.Import;
using Middleware.Core.Posts;
using Middleware.Core.Ranking;
using Middleware.Data;
using Middleware.Data.Import;
using Middleware.Data.Migrations;
using Middleware.Data.Ranking;

namespace Middleware.Ranking.Benchmarks;

/// <summary>Reading ranking candidates with all their features from a store holding
/// <see cref="StoredPosts"/> posts (all inside the window) and ten interactions per post on
/// average, 20 hashtags in use: how long one ranking waits for its candidates.</summary>
[MemoryDiagnoser]
[SimpleJob(warmupCount: 3, iterationCount: 15)]
public class CandidateQueryBenchmarks
{
    private static readonly DateTimeOffset Now = new(2026, 11, 26, 12, 0, 0, TimeSpan.Zero);
    private string directory = "";
    private CandidateStore store = null!;

    [Params(20_000, 100_000)]
    public int StoredPosts { get; set; }

    [Params(1_000, 10_000)]
    public int Candidates { get; set; }

    [GlobalSetup]
    public async Task SetUpAsync()
    {
        directory = Path.Combine(Path.GetTempPath(), "middleware-bench-" + Guid.NewGuid().ToString("N"));
        var db = new SqliteConnectionFactory($"Data Source={Path.Combine(directory, "bench.db")}");
        await new MigrationRunner(db, TimeProvider.System).ApplyAsync();
        var random = new Random(42);
        var posts = new List<ImportedPost>(StoredPosts);
        var interactions = new List<ImportedInteraction>(StoredPosts * 10);
        for (var i = 0; i < StoredPosts; i++)
        {
            var author = $"https://i{i % 50}.example/users/u{i % 2000}";
            var published = Now.AddSeconds(-i * 5);
            posts.Add(new ImportedPost(i, new Post
            {
                Uri = $"https://i{i % 50}.example/notes/{i}",
                AuthorUri = author,
                Instance = $"i{i % 50}.example",
                ContentText = $"post {i} about things",
                Language = i % 3 == 0 ? "en" : "nl",
                Published = published,
                Hashtags = i % 4 == 0 ? [$"tag{i % 20}"] : [],
                Visibility = Visibility.Public,
            }));
            var count = random.Next(0, 21);
            for (var k = 0; k < count; k++)
            {
                var kind = (ImportedKind)random.Next(0, 5);
                interactions.Add(new ImportedInteraction(0, kind, $"https://r{k % 30}.example/users/r{random.Next(50_000)}", posts[^1].Post.Uri, published.AddMinutes(k)));
            }
        }
        var outcome = await new ImportStore(db, TimeProvider.System).ImportAsync(new ImportBatch(posts, interactions));
        if (!outcome.Applied)
            throw new InvalidOperationException(outcome.Problems[0].Error);
        store = new CandidateStore(db);
    }

    [GlobalCleanup]
    public void CleanUp()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(directory, recursive: true);
    }

    [Benchmark]
    public async Task<int> ReadCandidates() =>
        (await store.GetAsync(new CandidateQuery(Now.AddDays(-30), Candidates, "https://r1.example/users/r7"))).Count;
}
