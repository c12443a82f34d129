using Dapper;
using Middleware.Core.Ingest;
using Middleware.Core.Posts;
using Middleware.Data.Ingest;
using Middleware.Data.Posts;

namespace Middleware.Data.Tests.Ingest;

/// <summary>On PostgreSQL the posts of one commit are upserted by one statement (<see cref="PostBatch"/>,
/// ADR 0046). A commit must still end as if its changes ran one by one, in order, as they do on SQLite;
/// these tests run on both stores.</summary>
public sealed class PostBatchTests : TestDatabase
{
    private PostStore Posts => new(Db);

    private static Post PostWith(string id, string[] tags, string[] mentions, string text = "Hello", DateTimeOffset? updated = null) =>
        Samples.Post(id, Samples.Alice, tags) with { Mentions = mentions, ContentText = text, Updated = updated };

    [Fact]
    public async Task Each_post_of_a_commit_gets_its_own_tags_and_mentions()
    {
        await Writer.ApplyAsync(
        [
            new UpsertPost(PostWith("1", ["one", "both"], [Samples.Bob])),
            new UpsertPost(PostWith("2", [], [])),
            new UpsertPost(PostWith("3", ["both", "three"], [Samples.Bob, Samples.Carol])),
        ], null);

        var (one, two, three) = (await FindAsync("1"), await FindAsync("2"), await FindAsync("3"));
        Assert.Equal(["both", "one"], one.Hashtags);
        Assert.Equal([Samples.Bob], one.Mentions);
        Assert.Empty(two.Hashtags);
        Assert.Empty(two.Mentions);
        Assert.Equal(["both", "three"], three.Hashtags);
        Assert.Equal([Samples.Carol, Samples.Bob], three.Mentions);
    }

    [Fact]
    public async Task An_edit_in_a_later_commit_replaces_the_children_of_that_post_only()
    {
        await Writer.ApplyAsync(
        [
            new UpsertPost(PostWith("1", ["old", "kept"], [Samples.Bob])),
            new UpsertPost(PostWith("2", ["old"], [Samples.Bob])),
        ], null);

        await Writer.ApplyAsync(
        [
            new UpsertPost(PostWith("1", ["kept", "new"], [Samples.Carol], "Edited", Samples.Published.AddHours(1))),
            new UpsertPost(PostWith("3", ["three"], [])),
        ], null);

        var (one, two) = (await FindAsync("1"), await FindAsync("2"));
        Assert.Equal("Edited", one.ContentText);
        Assert.Equal(["kept", "new"], one.Hashtags);
        Assert.Equal([Samples.Carol], one.Mentions);
        Assert.Equal(["old"], two.Hashtags);
        Assert.Equal([Samples.Bob], two.Mentions);
    }

    [Fact]
    public async Task The_same_post_twice_in_a_commit_ends_as_its_later_copy()
    {
        await Writer.ApplyAsync(
        [
            new UpsertPost(PostWith("1", ["first"], [Samples.Bob], "First")),
            new UpsertPost(PostWith("2", [], [])),
            new UpsertPost(PostWith("1", ["second"], [Samples.Carol], "Second", Samples.Published.AddMinutes(1))),
            new UpsertPost(PostWith("1", ["stale"], [], "Stale", Samples.Published.AddSeconds(30))),
        ], null);

        var one = await FindAsync("1");
        Assert.Equal("Second", one.ContentText);
        Assert.Equal(["second"], one.Hashtags);
        Assert.Equal([Samples.Carol], one.Mentions);
        Assert.NotNull(await Posts.FindAsync(PostWith("2", [], []).Uri));
    }

    [Fact]
    public async Task An_interaction_counts_only_when_its_post_was_written_before_it_in_the_commit()
    {
        var post = PostWith("2", [], []);

        // Post 1 opens a batch of posts. The favourite comes before post 2 in the commit, so post 2
        // must not join that batch (which would store it ahead of the favourite); the boost after it counts.
        await Writer.ApplyAsync(
        [
            new UpsertPost(PostWith("1", [], [])),
            new AddInteraction(Samples.Like(post, Samples.Bob)),
            new UpsertPost(post),
            new AddInteraction(Samples.Boost(post, Samples.Carol)),
        ], null);

        var view = (await Posts.FindAsync(post.Uri))!;
        Assert.Equal((0, 1), (view.FavouriteCount, view.BoostCount));
    }

    [Fact]
    public async Task Posts_after_an_interaction_on_another_post_still_count_it()
    {
        var parent = PostWith("1", [], []);
        var reply = PostWith("2", [], []) with { InReplyToUri = parent.Uri };

        await Writer.ApplyAsync(
        [
            new UpsertPost(parent),
            new UpsertPost(reply),
            new AddInteraction(new Interaction(reply.Uri, InteractionKind.Reply, reply.AuthorUri, parent.Uri, reply.Published)),
            new UpsertPost(PostWith("3", ["three"], [])),
        ], null);

        Assert.Equal(1, (await Posts.FindAsync(parent.Uri))!.ReplyCount);
        Assert.Equal(["three"], (await FindAsync("3")).Hashtags);
    }

    [Fact]
    public async Task A_deleted_post_or_author_in_a_commit_is_skipped_and_the_others_stored()
    {
        var deleted = PostWith("1", ["gone"], [Samples.Bob]);
        await Writer.ApplyAsync([new DeletePost(deleted.Uri), new DeleteActor(Samples.Carol)], null);

        await Writer.ApplyAsync(
        [
            new UpsertPost(deleted),
            new UpsertPost(Samples.Post("9", Samples.Carol, "carol")),
            new UpsertPost(PostWith("2", ["kept"], [Samples.Bob])),
        ], null);

        Assert.Null(await Posts.FindAsync(deleted.Uri));
        Assert.Null(await Posts.FindAsync(Samples.Post("9", Samples.Carol).Uri));
        Assert.Equal(["kept"], (await FindAsync("2")).Hashtags);
        var tagged = await (await Db.OpenAsync()).QueryAsync<string>("SELECT tag FROM post_hashtags ORDER BY tag");
        Assert.Equal(["kept"], tagged);
    }

    [Fact]
    public async Task A_delete_between_two_posts_in_a_commit_keeps_its_place()
    {
        var post = PostWith("1", ["one"], []);

        // Deleted after its first copy and sent again after the delete: the tombstone keeps it out.
        await Writer.ApplyAsync(
        [
            new UpsertPost(post),
            new DeletePost(post.Uri),
            new UpsertPost(PostWith("2", [], [])),
            new UpsertPost(post with { Updated = Samples.Published.AddMinutes(1) }),
        ], null);

        Assert.Null(await Posts.FindAsync(post.Uri));
        Assert.NotNull(await Posts.FindAsync(PostWith("2", [], []).Uri));
    }

    [PostgresOnlyFact]
    public async Task A_commit_of_posts_runs_one_upsert_statement_per_batch()
    {
        // Npgsql prepares a statement after its fifth use; only prepared runs are counted.
        for (var i = 0; i < 6; i++)
            await Writer.ApplyAsync([new UpsertPost(PostWith($"warm{i}", [], []))], null);
        var before = await UpsertRunsAsync();
        Assert.True(before > 0, "the upsert was not prepared");

        await Writer.ApplyAsync([.. Enumerable.Range(1, 20).Select(i => new UpsertPost(PostWith($"{i}", [$"t{i}"], [Samples.Bob])))], null);
        Assert.Equal(before + 1, await UpsertRunsAsync());

        // A second copy of the same post starts a second batch: one statement cannot upsert a row twice.
        await Writer.ApplyAsync(
        [
            new UpsertPost(PostWith("21", [], [])),
            new UpsertPost(PostWith("22", [], [])),
            new UpsertPost(PostWith("21", ["edited"], [], "Edited", Samples.Published.AddMinutes(1))),
        ], null);
        Assert.Equal(before + 3, await UpsertRunsAsync());
        Assert.Equal(28, (await new StatsReader(Db).ReadAsync()).Posts);
    }

    /// <summary>How many times the writer's connection ran the batch upsert prepared (each run makes a plan).</summary>
    private async Task<long> UpsertRunsAsync() =>
        await Writer.KeptConnection!.ExecuteScalarAsync<long>(
            "SELECT COALESCE(SUM(generic_plans + custom_plans), 0) FROM pg_prepared_statements WHERE statement LIKE 'WITH stored AS%'");

    private async Task<Post> FindAsync(string id) => (await Posts.FindAsync(PostWith(id, [], []).Uri))!.Post;
}
