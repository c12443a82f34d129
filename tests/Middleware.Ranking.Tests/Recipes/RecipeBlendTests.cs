namespace Middleware.Ranking.Tests.Recipes;

public sealed class RecipeBlendTests
{
    private static readonly IReadOnlyList<Candidate> Posts =
        Enumerable.Range(0, 20).Select(i => Candidates.Post($"p{i}", i + 1)).ToList();

    private static RecipeHost Host() => new(
        new RecipeHost.Fixed("first", Enumerable.Range(0, 20).Select(i => $"p{i}").ToArray()),
        new RecipeHost.Fixed("second", Enumerable.Range(0, 20).Select(i => $"p{19 - i}").ToArray()));

    [Fact]
    public async Task A_blend_interleaves_in_proportion_to_the_weights()
    {
        // Whole-number weights keep the credit arithmetic exact, so the tie at the fifth place is a
        // real tie (won by the first ranker listed).
        var result = await Host().RankAsync("""{"blend":[{"ranker":"first","weight":7},{"ranker":"second","weight":3}]}""", Posts, limit: 10);

        var placedBy = result.Items.Select(i => i.Explanation.Summary.Contains("'first'") ? "first" : "second").ToList();
        Assert.Equal(7, placedBy.Count(p => p == "first"));
        Assert.Equal(["p0", "p19", "p1", "p2", "p3", "p18", "p4", "p5", "p17", "p6"], Candidates.Ids(result.Items));
    }

    [Fact]
    public async Task A_post_both_rankers_want_appears_once()
    {
        var host = new RecipeHost(new RecipeHost.Fixed("a", "p1", "p2", "p3"), new RecipeHost.Fixed("b", "p1", "p2", "p4"));

        var ids = await host.IdsAsync("""{"blend":[{"ranker":"a","weight":1},{"ranker":"b","weight":1}]}""", Posts);

        Assert.Equal(["p1", "p2", "p3", "p4"], ids);
    }

    [Fact]
    public async Task Each_blended_item_says_which_ranker_placed_it_and_its_share()
    {
        var result = await Host().RankAsync("""{"blend":[{"ranker":"first","weight":3},{"ranker":"second","weight":1}]}""", Posts, limit: 4);

        var first = result.Items[0].Explanation;
        Assert.Equal("recipe", first.Ranker);
        Assert.StartsWith("Placed by 'first' (75% of this blend)", first.Summary);
        Assert.Equal(("blend", 0.75), (first.Factors[0].Feature, first.Factors[0].Value));
        Assert.Contains(result.Items, i => i.Explanation.Summary.StartsWith("Placed by 'second' (25%"));
        Assert.True(result.Items.Zip(result.Items.Skip(1)).All(pair => pair.First.Score > pair.Second.Score));
    }

    [Fact]
    public async Task The_blended_rankers_see_only_the_posts_that_passed_the_filters()
    {
        var posts = Posts.Select((p, i) => i % 2 == 0 ? p : p with { IsReply = true }).ToList();

        var ids = await Host().IdsAsync("""{"filters":{"noReplies":true},"blend":[{"ranker":"first","weight":1},{"ranker":"chronological","weight":1}]}""", posts);

        Assert.All(ids, id => Assert.True(int.Parse(id[1..]) % 2 == 0));
    }

    [Fact]
    public async Task A_blend_can_hold_a_weighted_recipe()
    {
        var posts = new[] { Candidates.Post("new", 1), Candidates.Post("liked", 5, favourites: 50), Candidates.Post("mid", 3) };

        var ids = await Host().IdsAsync(
            """{"blend":[{"ranker":"recipe","weight":1,"parameters":{"recipe":{"weights":{"favourites":1}}}},{"ranker":"chronological","weight":1}]}""", posts);

        Assert.Equal(["liked", "new", "mid"], ids);
    }

    [Fact]
    public async Task Caps_apply_to_the_blended_order()
    {
        var posts = new[]
        {
            Candidates.By("a1", "alice", ageHours: 1), Candidates.By("a2", "alice", ageHours: 2), Candidates.By("b1", "bob", ageHours: 3),
        };

        var ids = await Host().IdsAsync("""{"blend":[{"ranker":"chronological","weight":1}],"caps":{"perAuthor":1,"topK":2}}""", posts);

        Assert.Equal(["a1", "b1", "a2"], ids);
    }

    [Fact]
    public async Task A_blended_ranker_that_fails_falls_back_on_its_own_and_the_explanation_says_so()
    {
        var host = new RecipeHost(new RecipeHost.Fixed("first", "p5", "p6"), new Broken());

        var result = await host.RankAsync("""{"blend":[{"ranker":"first","weight":1},{"ranker":"broken","weight":1}]}""", Posts, limit: 4);

        Assert.Equal(["p5", "p0", "p6", "p1"], Candidates.Ids(result.Items));
        var fallenBack = result.Items[1].Explanation.Factors[0];
        Assert.Contains("fell back to chronological", fallenBack.Note);
        Assert.Contains("out of order", fallenBack.Note);
    }

    private sealed class Broken : IRanker
    {
        public RankerMetadata Metadata { get; } = new() { Id = "broken", Version = "0", Description = "", MainParameters = "" };

        public ValueTask<RankingResult> RankAsync(RankingRequest request, CancellationToken cancellationToken) =>
            throw new InvalidOperationException("out of order");
    }

    [Fact]
    public async Task A_blended_rankers_parameter_error_names_its_path_in_the_recipe()
    {
        var error = await Assert.ThrowsAsync<RankerParameterException>(() =>
            Host().RankAsync("""{"blend":[{"ranker":"first","weight":1},{"ranker":"engagement","weight":1,"parameters":{"halfLifeHours":"six"}}]}""", Posts));

        Assert.Equal("recipe.blend[1].parameters.halfLifeHours", error.Field);
    }

    [Fact]
    public async Task Through_the_runner_a_recipe_is_a_ranker_like_any_other()
    {
        var host = Host();

        var outcome = await host.Runner.RunAsync("recipe", Candidates.Request(Posts, 3,
            Candidates.Parameters("""{"recipe":{"blend":[{"ranker":"second","weight":1}]}}""")));

        Assert.Null(outcome.FallbackReason);
        Assert.Equal(["p19", "p18", "p17"], Candidates.Ids(outcome.Result.Items));
    }
}
