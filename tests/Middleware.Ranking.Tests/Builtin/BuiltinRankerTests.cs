using Middleware.Ranking.Builtin;

namespace Middleware.Ranking.Tests.Builtin;

public sealed class BuiltinRankerTests
{
    [Fact]
    public async Task Chronological_puts_the_newest_first_whatever_the_engagement()
    {
        var result = await new ChronologicalRanker().RankAsync(Candidates.Request(
            [Candidates.Post("a", 10, favourites: 100), Candidates.Post("b", 0.5), Candidates.Post("c", 2)]), default);

        Assert.Equal(["b", "c", "a"], result.Items.Select(i => i.PostUri.Split('/')[^1]));
        Assert.All(result.Items, i => Assert.Equal("chronological", i.Explanation.Ranker));
    }

    [Fact]
    public async Task Engagement_weighs_interactions_and_decays_them_with_age()
    {
        var result = await new EngagementRanker().RankAsync(Candidates.Request(
        [
            Candidates.Post("fresh-popular", 1, boosts: 5, favourites: 5),
            Candidates.Post("old-popular", 48, boosts: 50, favourites: 50),
            Candidates.Post("fresh-quiet", 0.1),
        ]), default);

        Assert.Equal(["fresh-popular", "old-popular", "fresh-quiet"], result.Items.Select(i => i.PostUri.Split('/')[^1]));
        Assert.Equal("boosts", result.Items[0].Explanation.Factors[0].Feature);
    }

    [Fact]
    public void Neither_built_in_baseline_uses_profiling()
    {
        Assert.False(new ChronologicalRanker().Metadata.UsesProfiling);
        Assert.False(new EngagementRanker().Metadata.UsesProfiling);
    }
}
