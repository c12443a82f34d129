namespace Middleware.Ranking.Tests.Recipes;

public sealed class RecipeScoringTests
{
    [Fact]
    public async Task Weights_order_posts_by_the_weighted_features()
    {
        var posts = new[]
        {
            Candidates.Post("favourited", 1, favourites: 10),
            Candidates.Post("boosted", 1, boosts: 10),
            Candidates.Post("followed", 1) with { ViewerFollowsAuthor = true },
            Candidates.Post("warned", 1, favourites: 10) with { ContentWarning = "politics" },
        };

        var ids = await new RecipeHost().IdsAsync("""{"weights":{"boosts":2,"favourites":1,"viewerFollowsAuthor":1,"contentWarning":-5}}""", posts);

        Assert.Equal(["boosted", "favourited", "followed", "warned"], ids);
    }

    public static TheoryData<string, Candidate> EveryFeature => new()
    {
        { "favourites", Candidates.Post("x", 1, favourites: 3) },
        { "boosts", Candidates.Post("x", 1, boosts: 3) },
        { "replies", Candidates.Post("x", 1, replies: 3) },
        { "distinctEngagers", Candidates.Post("x", 1) with { DistinctEngagers = 3 } },
        { "impressions", Candidates.Post("x", 1) with { Impressions = 3 } },
        { "disagreements", Candidates.Post("x", 1) with { Disagreements = 3 } },
        { "viewerFollowsAuthor", Candidates.Post("x", 1) with { ViewerFollowsAuthor = true } },
        { "media", Candidates.Post("x", 1) with { MediaCount = 1 } },
        { "contentWarning", Candidates.Post("x", 1) with { ContentWarning = "cw" } },
        { "isReply", Candidates.Post("x", 1) with { IsReply = true } },
        { "length", Candidates.Post("x", 1) with { Length = 300 } },
        { "coordinationScore", Candidates.Post("x", 1) with { CoordinationScore = 0.9 } },
        { "ageHours", Candidates.Post("x", 30) },
    };

    [Theory]
    [MemberData(nameof(EveryFeature))]
    public async Task Every_feature_raises_a_post_with_a_positive_weight_and_lowers_it_with_a_negative_one(string feature, Candidate featured)
    {
        // A plain post that would win a tie: newer when the feature must lift "x" above it, older
        // when the feature must push "x" below it.
        var weights = "{\"weights\":{\"" + feature + "\":";

        var up = await new RecipeHost().IdsAsync(weights + "1}}", [Candidates.Post("plain", 0.5), featured]);
        var down = await new RecipeHost().IdsAsync(weights + "-1}}", [Candidates.Post("plain", 2), featured]);

        Assert.Equal(["x", "plain"], up);
        Assert.Equal(["plain", "x"], down);
    }

    [Fact]
    public async Task Counts_are_log_scaled_so_one_viral_post_does_not_swamp_two_signals()
    {
        // Raw counts would put the 1,000-favourite post first (1000 > 40 + 40); on ln(1 + n) the
        // balanced post wins: ln(1001) ≈ 6.9 < 2 × ln(41) ≈ 7.4.
        var posts = new[]
        {
            Candidates.Post("viral", 1, favourites: 1000),
            Candidates.Post("balanced", 1, favourites: 40, boosts: 40),
        };

        var ids = await new RecipeHost().IdsAsync("""{"weights":{"favourites":1,"boosts":1}}""", posts);

        Assert.Equal(["balanced", "viral"], ids);
    }

    [Fact]
    public async Task Decay_halves_the_points_every_half_life()
    {
        var posts = new[] { Candidates.Post("old-popular", 24, favourites: 100), Candidates.Post("fresh", 0, favourites: 10) };

        var withoutDecay = await new RecipeHost().RankAsync("""{"weights":{"favourites":1}}""", posts);
        var withDecay = await new RecipeHost().RankAsync("""{"weights":{"favourites":1},"decay":{"halfLifeHours":6}}""", posts);

        Assert.Equal(["old-popular", "fresh"], Candidates.Ids(withoutDecay.Items));
        Assert.Equal(["fresh", "old-popular"], Candidates.Ids(withDecay.Items));
        Assert.Equal(Math.Log(101) / 16, withDecay.Items[1].Score, 9);
    }

    [Fact]
    public async Task Age_moves_a_negatively_scored_post_down_not_up()
    {
        var posts = new[]
        {
            Candidates.Post("old-disputed", 24) with { Disagreements = 5 },
            Candidates.Post("new-disputed", 1) with { Disagreements = 5 },
        };

        var ids = await new RecipeHost().IdsAsync("""{"weights":{"disagreements":-1},"decay":{"halfLifeHours":6}}""", posts);

        Assert.Equal(["new-disputed", "old-disputed"], ids);
    }

    [Fact]
    public async Task The_explanation_lists_the_weighted_features_largest_first_and_the_decay()
    {
        var result = await new RecipeHost().RankAsync(
            """{"weights":{"favourites":1,"boosts":3,"replies":0.5},"decay":{"halfLifeHours":12}}""",
            [Candidates.Post("a", 12, boosts: 2, favourites: 50)]);

        var factors = result.Items[0].Explanation.Factors;
        Assert.Equal(["favourites", "boosts", "decay"], factors.Select(f => f.Feature));
        Assert.Equal(50, factors[0].Value);
        Assert.Equal(Math.Log(51) * 0.5, factors[0].Contribution, 9);
        Assert.Contains("×0.5", factors[2].Note);
        Assert.Equal(factors.Sum(f => f.Contribution), result.Items[0].Score, 9);
        Assert.Contains("favourites", result.Items[0].Explanation.Summary);
    }

    [Fact]
    public async Task Only_the_limit_is_returned_best_first_from_many_candidates()
    {
        var posts = Enumerable.Range(0, 1000).Select(i => Candidates.Post($"p{i}", 1, favourites: i)).ToList();

        var ids = await new RecipeHost().IdsAsync("""{"weights":{"favourites":1}}""", posts, limit: 3);

        Assert.Equal(["p999", "p998", "p997"], ids);
    }

    [Fact]
    public async Task Equal_scores_are_ordered_newest_first_then_by_post_id()
    {
        var posts = new[] { Candidates.Post("b", 2), Candidates.Post("c", 1), Candidates.Post("a", 2) };

        var ids = await new RecipeHost().IdsAsync("""{"weights":{"favourites":1}}""", posts);

        Assert.Equal(["c", "a", "b"], ids);
    }

    [Fact]
    public async Task No_candidates_or_none_left_after_the_filters_give_an_empty_page()
    {
        var none = await new RecipeHost().RankAsync("""{"weights":{"favourites":1},"caps":{"perAuthor":1}}""", []);
        var filteredAway = await new RecipeHost().RankAsync("""{"filters":{"mediaOnly":true},"weights":{"favourites":1}}""", [Candidates.Post("a", 1)]);

        Assert.Empty(none.Items);
        Assert.Empty(filteredAway.Items);
    }

    [Fact]
    public async Task A_recipe_is_parsed_once_per_distinct_text()
    {
        var host = new RecipeHost();
        await host.RankAsync("""{"weights":{"favourites":1}}""", [Candidates.Post("a", 1)]);
        await host.RankAsync("""{"weights":{"favourites":1}}""", [Candidates.Post("b", 1)]);
        await host.RankAsync("""{"weights":{"boosts":1}}""", [Candidates.Post("c", 1)]);

        Assert.Equal(2, host.Recipe.CachedRecipes);
    }
}
