namespace Middleware.Ranking.Tests.Recipes;

public sealed class DiversityCapTests
{
    // Alice has the three best posts, then bob, then carol on another instance.
    private static readonly IReadOnlyList<Candidate> Posts =
    [
        Candidates.By("alice-1", "alice") with { Favourites = 90 },
        Candidates.By("alice-2", "alice") with { Favourites = 80 },
        Candidates.By("alice-3", "alice") with { Favourites = 70 },
        Candidates.By("bob-1", "bob") with { Favourites = 60 },
        Candidates.By("carol-1", "carol", "other.example") with { Favourites = 50 },
        Candidates.By("bob-2", "bob") with { Favourites = 40 },
    ];

    [Fact]
    public async Task Without_caps_one_author_can_fill_the_top()
    {
        var ids = await new RecipeHost().IdsAsync("""{"weights":{"favourites":1}}""", Posts);

        Assert.Equal(["alice-1", "alice-2", "alice-3", "bob-1", "carol-1", "bob-2"], ids);
    }

    [Fact]
    public async Task Per_author_cap_defers_the_extra_posts_to_after_the_top_k_without_dropping_them()
    {
        var result = await new RecipeHost().RankAsync("""{"weights":{"favourites":1},"caps":{"perAuthor":1,"topK":3}}""", Posts);

        Assert.Equal(["alice-1", "bob-1", "carol-1", "alice-2", "alice-3", "bob-2"], Candidates.Ids(result.Items));
        var deferred = result.Items[3].Explanation;
        Assert.Contains("Moved below the top 3: at most 1 post per author there.", deferred.Summary);
        Assert.Contains(deferred.Factors, f => f.Feature == "diversityCap");
        Assert.DoesNotContain(result.Items[0].Explanation.Factors, f => f.Feature == "diversityCap");
    }

    [Fact]
    public async Task Per_instance_cap_counts_posts_per_instance()
    {
        var ids = await new RecipeHost().IdsAsync("""{"weights":{"favourites":1},"caps":{"perInstance":2,"topK":3}}""", Posts);

        Assert.Equal(["alice-1", "alice-2", "carol-1", "alice-3", "bob-1", "bob-2"], ids);
    }

    [Fact]
    public async Task Without_top_k_the_cap_holds_for_the_whole_page()
    {
        var ids = await new RecipeHost().IdsAsync("""{"weights":{"favourites":1},"caps":{"perAuthor":2}}""", Posts, limit: 4);

        Assert.Equal(["alice-1", "alice-2", "bob-1", "carol-1"], ids);
    }

    [Fact]
    public async Task Caps_hold_when_the_deferred_posts_reach_far_down_a_large_candidate_set()
    {
        // 200 posts by one author outrank everyone else: the walk must look past the first pages.
        var posts = Enumerable.Range(0, 200).Select(i => Candidates.By($"a{i}", "alice") with { Favourites = 1000 - i })
            .Append(Candidates.By("b", "bob") with { Favourites = 1 })
            .ToList();

        var ids = await new RecipeHost().IdsAsync("""{"weights":{"favourites":1},"caps":{"perAuthor":1,"topK":2}}""", posts, limit: 3);

        Assert.Equal(["a0", "b", "a1"], ids);
    }
}
