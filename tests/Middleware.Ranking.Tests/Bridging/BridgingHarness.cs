using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Middleware.Core.Ranking;
using Middleware.Ranking.Bridging;
using Middleware.Ranking.Builtin;
using Middleware.Synthetic;

namespace Middleware.Ranking.Tests.Bridging;

/// <summary>A clock that stands still.</summary>
internal sealed class FixedClock(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now;
}

/// <summary>Fits rankers on synthetic data and measures their top lists against the ground truth.</summary>
internal static class BridgingHarness
{
    public static SyntheticOptions Small(int seed) => new() { Seed = seed, Users = 1500, Posts = 400, SeenPerUser = 50 };

    public static BridgingRanker Ranker(IRatingSource source, DateTimeOffset now, BridgingOptions? options = null) =>
        new(source, Options.Create(options ?? new BridgingOptions()), NullLogger<BridgingRanker>.Instance, new FixedClock(now));

    public static async Task<BridgingRanker> FittedAsync(SyntheticData data, BridgingOptions? options = null)
    {
        var ranker = Ranker(new SyntheticRatingSource(data.Ratings), data.Options.Now, options);
        var report = await ranker.RefitAsync(default);
        Assert.True(report.Succeeded, report.Error);
        return ranker;
    }

    public static async Task<IReadOnlyList<RankedItem>> TopAsync(IRanker ranker, SyntheticData data, int limit = 10, RankerParameters? parameters = null)
    {
        var result = await ranker.RankAsync(new RankingRequest
        {
            Feed = "test",
            Candidates = SyntheticCandidates.From(data),
            Limit = limit,
            Now = data.Options.Now,
            Parameters = parameters ?? RankerParameters.Empty,
        }, default);
        return result.Items;
    }

    public static double Precision(IReadOnlyList<RankedItem> top, IReadOnlySet<string> relevant) =>
        (double)top.Count(i => relevant.Contains(i.PostUri)) / top.Count;

    /// <summary>The engagement baseline without time decay, so it ranks by raw engagement only.</summary>
    public static RankerParameters NoDecay { get; } = RankerParameters.FromJson(System.Text.Json.JsonDocument.Parse("""{"halfLifeHours": 8760}""").RootElement);

    public static EngagementRanker Engagement { get; } = new();
}
