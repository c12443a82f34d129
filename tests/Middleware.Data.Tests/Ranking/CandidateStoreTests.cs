using Dapper;
using Middleware.Core.Ingest;
using Middleware.Core.Posts;
using Middleware.Core.Ranking;
using Middleware.Data.Ranking;

namespace Middleware.Data.Tests.Ranking;

public sealed class CandidateStoreTests : TestDatabase
{
    private CandidateStore Store => new(Db);

    private static CandidateQuery Window(int max = 100, string? viewer = null) =>
        new(Samples.Published.AddDays(-1), max, viewer);

    [Fact]
    public async Task A_candidate_carries_every_feature_from_one_read()
    {
        var post = Samples.Post("1", Samples.Alice, "fediverse", "klimaat") with
        {
            ContentWarning = "politics",
            MediaCount = 2,
            InReplyToUri = "https://elsewhere.example/notes/9",
        };
        await Writer.ApplyAsync(
        [
            new UpsertPost(post),
            new AddInteraction(Samples.Boost(post, Samples.Bob)),
            new AddInteraction(Samples.Like(post, Samples.Bob)),
            new AddInteraction(Samples.Like(post, Samples.Carol, "l2")),
            new AddInteraction(new Interaction("https://x.example/r/1", InteractionKind.Reply, Samples.Carol, post.Uri, Samples.Published)),
        ], null);
        var signals = new SignalRecorder(Db);
        await signals.RecordImpressionsAsync("https://v.example/users/v", "buurt", [post.Uri], Clock.Now);
        await signals.RecordImpressionsAsync("https://v.example/users/v", "buurt", [post.Uri], Clock.Now);
        await signals.RecordDisagreementAsync("https://w.example/users/w", post.Uri, Clock.Now);

        var candidate = Assert.Single(await Store.GetAsync(Window()));

        Assert.Equal(post.Uri, candidate.PostUri);
        Assert.Equal(Samples.Alice, candidate.Author);
        Assert.Equal("mastodon.social", candidate.Instance);
        Assert.Equal(post.Published, candidate.Published);
        Assert.Equal((1, 2, 1), (candidate.Boosts, candidate.Favourites, candidate.Replies));
        Assert.Equal(2, candidate.DistinctEngagers); // Bob and Carol; the disagreement is not engagement
        Assert.Equal(2, candidate.Impressions);
        Assert.Equal(1, candidate.Disagreements);
        Assert.Equal("en", candidate.Language);
        Assert.Equal(2, candidate.MediaCount);
        Assert.Equal("politics", candidate.ContentWarning);
        Assert.True(candidate.IsReply);
        Assert.Equal(post.ContentText.Length, candidate.Length);
        Assert.Equal(["fediverse", "klimaat"], candidate.Hashtags);
        Assert.Equal(0, candidate.CoordinationScore);
        Assert.False(candidate.ViewerFollowsAuthor);
    }

    [Fact]
    public async Task An_empty_store_has_no_candidates()
    {
        Assert.Empty(await Store.GetAsync(Window(viewer: "https://v.example/users/v")));
    }

    [Fact]
    public async Task Only_public_posts_inside_the_window_are_candidates_newest_first_up_to_the_bound()
    {
        await Writer.ApplyAsync(
        [
            new UpsertPost(Samples.Post("old") with { Published = Samples.Published.AddDays(-3) }),
            new UpsertPost(Samples.Post("unlisted") with { Visibility = Visibility.Unlisted }),
            new UpsertPost(Samples.Post("private") with { Visibility = Visibility.FollowersOnly }),
            new UpsertPost(Samples.Post("a") with { Published = Samples.Published.AddMinutes(1) }),
            new UpsertPost(Samples.Post("b") with { Published = Samples.Published.AddMinutes(2) }),
            new UpsertPost(Samples.Post("c") with { Published = Samples.Published.AddMinutes(3) }),
        ], null);

        var candidates = await Store.GetAsync(Window(max: 2));

        Assert.Equal(["c", "b"], candidates.Select(c => c.PostUri.Split('/')[^1]));
    }

    [Fact]
    public async Task The_viewer_following_the_author_is_a_feature()
    {
        var viewer = "https://v.example/users/v";
        await Writer.ApplyAsync([new UpsertPost(Samples.Post("1", Samples.Alice)), new UpsertPost(Samples.Post("2", Samples.Bob))], null);
        await using (var connection = await Db.OpenAsync())
        {
            await connection.ExecuteAsync(
                "INSERT INTO account_follows (follower_uri, followed_uri, recorded_at) VALUES (@viewer, @followed, 0)",
                new { viewer, followed = Samples.Bob });
        }

        var byAuthor = (await Store.GetAsync(Window(viewer: viewer))).ToDictionary(c => c.Author, c => c.ViewerFollowsAuthor);
        var anonymous = await Store.GetAsync(Window());

        Assert.True(byAuthor[Samples.Bob]);
        Assert.False(byAuthor[Samples.Alice]);
        Assert.All(anonymous, c => Assert.False(c.ViewerFollowsAuthor));
    }

    [SqliteOnlyFact]
    public async Task Candidate_generation_is_one_indexed_pass_not_a_query_per_post()
    {
        await using var connection = await SqliteDb.OpenAsync();
        var steps = await connection.QueryAsync<(long Id, long Parent, long NotUsed, string Detail)>(
            "EXPLAIN QUERY PLAN " + CandidateStore.SelectPosts, new { Since = 0L, Until = long.MaxValue, MaxCount = 10, Viewer = "" });
        var plan = string.Join("\n", steps.Select(s => s.Detail));

        // The window is read newest first from its index, and every table joined to it is reached
        // through an index from the window's rows: no table is scanned whole.
        Assert.Contains("SEARCH posts USING INDEX ix_posts_published", plan);
        Assert.Contains("SEARCH i USING INDEX ix_interactions_post", plan);
        Assert.Contains("SEARCH m USING INDEX ix_impressions_post", plan);
        Assert.Contains("SEARCH ps USING COVERING INDEX ix_person_signals_post", plan);
        // Not covering since the as-of bound (ADR 0029) reads first_served_at: one row lookup, and only
        // for a person's "seen" that matches an impression.
        Assert.Contains("SEARCH v USING INDEX sqlite_autoindex_impressions_1", plan);
        foreach (var table in new[] { "posts", "p", "i", "m", "f", "ps", "v" })
            Assert.DoesNotContain($"SCAN {table}\n", plan + "\n");
    }
}
