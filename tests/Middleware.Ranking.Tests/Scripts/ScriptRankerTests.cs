namespace Middleware.Ranking.Tests.Scripts;

public sealed class ScriptRankerTests
{
    [Fact]
    public async Task The_score_function_orders_the_posts()
    {
        var posts = new[] { Candidates.Post("quiet", 1), Candidates.Post("liked", 2, favourites: 5), Candidates.Post("old-liked", 30, favourites: 20) };

        var result = await new ScriptHost().RankAsync("function score(post) { return post.favourites - post.ageHours; }", posts);

        Assert.Equal(["liked", "quiet", "old-liked"], Candidates.Ids(result.Items));
        Assert.Equal(3, result.Items[0].Score, 9);
        Assert.Equal("script", result.Items[0].Explanation.Ranker);
    }

    [Fact]
    public async Task A_reason_returned_with_the_score_shows_in_the_explanation()
    {
        var result = await new ScriptHost().RankAsync(
            "function score(post) { return { score: post.boosts, reason: post.boosts + ' boosts, nothing else' }; }",
            [Candidates.Post("a", 1, boosts: 4)]);

        var explanation = result.Items[0].Explanation;
        Assert.Equal("The feed's script scored this post 4: 4 boosts, nothing else", explanation.Summary);
        Assert.Equal(new ExplanationFactor("script", 4, 4, "4 boosts, nothing else"), explanation.Factors[0]);
    }

    [Fact]
    public async Task The_post_exposes_the_candidates_features()
    {
        var post = Candidates.Post("a", 3, boosts: 1, favourites: 2, replies: 3) with
        {
            Language = "nl", Hashtags = ["klimaat", "energie"], IsReply = true, Instance = "social.overheid.nl",
            ViewerFollowsAuthor = true, MediaCount = 2, ContentWarning = "cw", CoordinationScore = 0.25,
            Impressions = 7, Disagreements = 1, Length = 42, Text = "Hallo",
        };

        var reason = await new ScriptHost().FirstReasonAsync("""
            function score(p) {
              return { score: 1, reason: [p.boosts, p.favourites, p.replies, p.distinctEngagers, p.impressions,
                p.disagreements, p.viewerFollowsAuthor, p.language, p.mediaCount, p.contentWarning, p.isReply,
                p.length, p.text, p.hashtags.join('+'), p.author.split('/').pop(), p.instance, p.ageHours,
                p.coordinationScore, p.uri.split('/').pop()].join('|') };
            }
            """, post);

        Assert.Equal("1|2|3|6|7|1|true|nl|2|cw|true|42|Hallo|klimaat+energie|alice|social.overheid.nl|3|0.25|a", reason);
    }

    [Fact]
    public async Task Absent_values_are_null_for_the_script()
    {
        var reason = await new ScriptHost().FirstReasonAsync(
            "function score(p) { return { score: 0, reason: String(p.language) + ' ' + String(p.contentWarning) + ' ' + p.hashtags.length }; }",
            Candidates.Post("a", 1));

        Assert.Equal("null null 0", reason);
    }

    [Fact]
    public async Task The_context_gives_the_time_feed_viewer_and_limit()
    {
        var host = new ScriptHost();
        var request = ScriptHost.Request("function score(p, c) { return { score: 0, reason: [c.now, c.feed, c.viewer, c.limit].join('|') }; }",
            [Candidates.Post("a", 1)], limit: 5) with { Viewer = "https://example.social/users/bob" };

        var result = await host.Script.RankAsync(request, default);

        Assert.Equal($"{Candidates.Now.ToUnixTimeMilliseconds()}|test|https://example.social/users/bob|5", result.Items[0].Explanation.Factors[0].Note);
    }

    [Fact]
    public async Task Only_the_limit_is_returned_and_ties_go_to_the_newer_post()
    {
        var posts = Enumerable.Range(0, 500).Select(i => Candidates.Post($"p{i}", i)).ToList();

        var result = await new ScriptHost().RankAsync("function score() { return 1; }", posts, limit: 3);

        Assert.Equal(["p0", "p1", "p2"], Candidates.Ids(result.Items));
    }

    [Fact]
    public async Task No_candidates_give_an_empty_page()
    {
        var result = await new ScriptHost().RankAsync("function score() { return 1; }", []);

        Assert.Empty(result.Items);
    }

    [Fact]
    public async Task Nothing_a_script_stores_survives_into_the_next_ranking()
    {
        const string Counter = "var calls = 0; function score() { calls++; return calls; }";
        var host = new ScriptHost();

        var first = await host.RankAsync(Counter, [Candidates.Post("a", 1)]);
        var second = await host.RankAsync(Counter, [Candidates.Post("a", 1)]);

        Assert.Equal(1, first.Items[0].Score);
        Assert.Equal(1, second.Items[0].Score);
    }

    [Fact]
    public async Task Through_the_runner_a_working_script_is_not_a_fallback()
    {
        var outcome = await new ScriptHost().RunAsync("function score(p) { return p.boosts; }", [Candidates.Post("a", 1, boosts: 1), Candidates.Post("b", 0.5)]);

        Assert.Null(outcome.FallbackReason);
        Assert.Equal(["a", "b"], Candidates.Ids(outcome.Result.Items));
    }
}
