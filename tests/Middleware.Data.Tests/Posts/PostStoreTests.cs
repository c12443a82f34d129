using Middleware.Core.Ingest;
using Middleware.Core.Posts;
using Middleware.Data.Ingest;
using Middleware.Data.Posts;

namespace Middleware.Data.Tests.Posts;

public sealed class PostStoreTests : TestDatabase
{
    private PostStore Posts => new(Db);

    [Fact]
    public async Task PublicOf_names_the_posts_stored_and_public_now()
    {
        var open = Samples.Post("1");
        var unlisted = Samples.Post("2") with { Visibility = Visibility.Unlisted };
        var deleted = Samples.Post("3");
        await Writer.ApplyAsync([new UpsertPost(open), new UpsertPost(unlisted), new UpsertPost(deleted)], null);
        await Writer.ApplyAsync([new DeletePost(deleted.Uri)], null);

        var stored = await Posts.PublicOfAsync([open.Uri, unlisted.Uri, deleted.Uri, "https://never.example/1"]);

        Assert.Equal([open.Uri], stored);
        Assert.Empty(await Posts.PublicOfAsync([]));
    }

    [Fact]
    public async Task Stored_post_reads_back_with_every_field()
    {
        var post = Samples.Post("1", Samples.Alice, "#Fediverse", "fediverse", "OpenData") with
        {
            Updated = Samples.Published.AddHours(1),
            InReplyToUri = $"{Samples.Bob}/statuses/9",
            ContentWarning = "politics",
            Sensitive = true,
            MediaCount = 2,
            Visibility = Visibility.Unlisted,
            ObjectType = "Article",
        };

        await Writer.ApplyAsync([new UpsertPost(post)], null);
        var view = await Posts.FindAsync(post.Uri);

        Assert.NotNull(view);
        Assert.Equal(["fediverse", "opendata"], view.Post.Hashtags);
        Assert.Equal([Samples.Bob], view.Post.Mentions);
        Assert.Equal(post with { Hashtags = view.Post.Hashtags, Mentions = view.Post.Mentions }, view.Post);
        Assert.Equal(0, view.BoostCount);
        Assert.Empty(view.BoostedBy);
    }

    [Fact]
    public async Task Unknown_post_is_null()
    {
        Assert.Null(await Posts.FindAsync("https://example.org/nothing"));
        Assert.Null(await Posts.FindAuthorAsync("https://example.org/nothing"));
        Assert.False(await Posts.IsTombstonedAsync("https://example.org/nothing"));
    }

    [Fact]
    public async Task Reupserting_updates_fields_and_replaces_hashtags()
    {
        var post = Samples.Post("1", Samples.Alice, "one", "two");
        await Writer.ApplyAsync([new UpsertPost(post)], null);

        var edited = post with
        {
            ContentText = "Edited",
            Updated = Samples.Published.AddHours(1),
            Hashtags = ["Three"],
            Mentions = [],
        };
        await Writer.ApplyAsync([new UpsertPost(edited)], null);

        var view = await Posts.FindAsync(post.Uri);
        Assert.Equal("Edited", view!.Post.ContentText);
        Assert.Equal(["three"], view.Post.Hashtags);
        Assert.Empty(view.Post.Mentions);
        Assert.Equal(1, (await new StatsReader(Db).ReadAsync()).Posts);

        // One tag kept, one dropped, one new; the mention list changes the same way.
        await Writer.ApplyAsync([new UpsertPost(edited with
        {
            Updated = Samples.Published.AddHours(2),
            Hashtags = ["three", "#Four"],
            Mentions = [Samples.Carol, Samples.Bob, Samples.Carol],
        })], null);
        view = await Posts.FindAsync(post.Uri);
        Assert.Equal(["four", "three"], view!.Post.Hashtags.Order());
        Assert.Equal(new[] { Samples.Bob, Samples.Carol }.Order(), view.Post.Mentions.Order());
    }

    [Fact]
    public async Task Late_redelivery_of_an_older_version_does_not_undo_an_edit()
    {
        var original = Samples.Post("1");
        var edited = original with { ContentText = "Edited", Updated = Samples.Published.AddHours(1), Hashtags = ["Later"], Mentions = [] };
        await Writer.ApplyAsync([new UpsertPost(original), new UpsertPost(edited)], null);

        await Writer.ApplyAsync([new UpsertPost(original)], null);

        var view = (await Posts.FindAsync(original.Uri))!;
        Assert.Equal("Edited", view.Post.ContentText);
        // Nor its hashtags and mentions.
        Assert.Equal(["later"], view.Post.Hashtags);
        Assert.Empty(view.Post.Mentions);
    }

    [Fact]
    public async Task Upsert_by_another_author_does_not_take_over_a_post()
    {
        var post = Samples.Post("1", Samples.Alice, "Kept");
        await Writer.ApplyAsync([new UpsertPost(post)], null);

        await Writer.ApplyAsync([new UpsertPost(post with { AuthorUri = Samples.Carol, ContentText = "Hijack", Hashtags = ["hijack"], Mentions = [Samples.Carol] })], null);

        var view = await Posts.FindAsync(post.Uri);
        Assert.Equal(Samples.Alice, view!.Post.AuthorUri);
        Assert.Equal("Hello #Fediverse", view.Post.ContentText);
        Assert.Equal(["kept"], view.Post.Hashtags);
        Assert.Equal(post.Mentions, view.Post.Mentions);
    }

    [Fact]
    public async Task View_counts_interactions_and_lists_boosters()
    {
        var post = Samples.Post("1");
        await Writer.ApplyAsync(
        [
            new UpsertPost(post),
            new AddInteraction(Samples.Boost(post, Samples.Bob)),
            new AddInteraction(Samples.Boost(post, Samples.Carol)),
            new AddInteraction(Samples.Like(post, Samples.Bob)),
            new AddInteraction(new Interaction($"{Samples.Carol}/statuses/7/activity", InteractionKind.Reply,
                Samples.Carol, post.Uri, Samples.Published)),
        ], null);

        var view = await Posts.FindAsync(post.Uri);

        Assert.Equal((2, 1, 1), (view!.BoostCount, view.FavouriteCount, view.ReplyCount));
        Assert.Equal([Samples.Bob, Samples.Carol], view.BoostedBy);
        Assert.Equal(Samples.Alice, await Posts.FindAuthorAsync(post.Uri));
    }
}
