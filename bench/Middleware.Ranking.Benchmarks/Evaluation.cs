using System.Text.Json;
using Middleware.Synthetic;

namespace Middleware.Ranking.Benchmarks;

/// <summary>Ranks every post of a synthetic audience with a ranker, as a feed would.</summary>
internal static class Evaluation
{
    /// <summary>The engagement baseline without time decay, so it ranks by raw engagement only.</summary>
    public static RankerParameters NoDecay { get; } = RankerParameters.FromJson(JsonDocument.Parse("""{"halfLifeHours": 8760}""").RootElement);

    public static async Task<IReadOnlyList<string>> RankAsync(IRanker ranker, SyntheticData data, RankerParameters? parameters = null)
    {
        var result = await ranker.RankAsync(new RankingRequest
        {
            Feed = "evaluation",
            Candidates = SyntheticCandidates.From(data),
            Limit = data.Posts.Count,
            Now = data.Options.Now,
            Parameters = parameters ?? RankerParameters.Empty,
        }, default);
        return result.Items.Select(i => i.PostUri).ToList();
    }

    public sealed class Clock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
