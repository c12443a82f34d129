using System.Text.Json;
using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.Options;
using Middleware.Ranking;
using Middleware.Ranking.Builtin;
using Middleware.Ranking.Engine;
using Middleware.Ranking.Recipes;
using Middleware.Ranking.Scripts;

namespace Middleware.Ranking.Benchmarks;

/// <summary>One ranking of N candidates (a page of 50) with a recipe that uses every kind of
/// filter, weights with decay and caps.</summary>
[MemoryDiagnoser]
[SimpleJob(warmupCount: 3, iterationCount: 10)]
public class RecipeBenchmarks
{
    private const string Recipe = """
        {"filters":{"languages":["nl","en"],"hashtags":["klimaat","energie","verkiezingen","wonen","zorg","onderwijs"],
                    "excludeKeywords":["crypto","spam"],"excludeInstances":["instance13.example"],"noReplies":true,"maxAgeHours":48},
         "weights":{"favourites":1,"boosts":2,"replies":0.5,"distinctEngagers":1,"viewerFollowsAuthor":3,"media":0.5,"contentWarning":-1,"disagreements":-2},
         "decay":{"halfLifeHours":12},
         "caps":{"perAuthor":2,"perInstance":5,"topK":20}}
        """;

    private RecipeRanker ranker = null!;
    private RankingRequest request = null!;

    [Params(1_000, 10_000, 100_000)]
    public int Candidates { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var catalog = new RankerCatalog([RankerEntry.BuiltIn(new ChronologicalRanker())]);
        ranker = new RecipeRanker(new Lazy<IRankingRunner>(() => throw new InvalidOperationException("no blend here")), new Lazy<RankerCatalog>(catalog));
        request = BenchmarkCandidates.Request(Candidates, $$"""{"recipe":{{Recipe}}}""");
    }

    [Benchmark]
    public int RankWithRecipe() => ranker.RankAsync(request, default).AsTask().GetAwaiter().GetResult().Items.Count;
}

/// <summary>One ranking of N candidates (a page of 50) with a scoring script of the kind a user
/// would write: a few weighted features, a decay and a reason.</summary>
[MemoryDiagnoser]
[SimpleJob(warmupCount: 3, iterationCount: 10)]
public class ScriptBenchmarks
{
    private const string Script = """
        function score(post, context) {
          if (post.isReply) return -1;
          var points = Math.log1p(post.favourites) + 2 * Math.log1p(post.boosts) + 0.5 * Math.log1p(post.replies);
          if (post.viewerFollowsAuthor) points += 3;
          if (post.hashtags.indexOf('klimaat') >= 0) points += 1;
          return { score: points * Math.pow(0.5, post.ageHours / 12), reason: 'weighted interactions' };
        }
        """;

    private ScriptRanker ranker = null!;
    private RankingRequest request = null!;

    [Params(1_000, 10_000, 100_000)]
    public int Candidates { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        // Limits raised so that 100,000 posts finish; the service's defaults stop a script at 1 s.
        var limits = new ScriptOptions { TimeLimit = TimeSpan.FromSeconds(30), TotalMemoryLimitBytes = 4L << 30 };
        ranker = new ScriptRanker(Options.Create(limits), Options.Create(new RankingOptions { TimeBudget = TimeSpan.FromSeconds(60) }));
        request = BenchmarkCandidates.Request(Candidates, $$"""{"script":{{JsonSerializer.Serialize(Script)}}}""");
    }

    [Benchmark]
    public int RankWithScript() => ranker.RankAsync(request, default).AsTask().GetAwaiter().GetResult().Items.Count;
}
