using Middleware.Core.Actors;
using Middleware.Core.Ingest;
using Middleware.Core.Posts;
using Middleware.Data.Actors;
using Middleware.Data.Follows;
using Middleware.Data.Ingest;
using Middleware.Data.Posts;

namespace Middleware.Data.Tests.Ingest;

public sealed class DeleteTests : TestDatabase
{

    private PostStore Posts => new(Db);

    [Fact]
    public async Task Deleted_post_is_gone_with_its_interactions_and_cannot_return()
    {
        var post = Samples.Post("1", Samples.Alice, "tag");
        await Writer.ApplyAsync([new UpsertPost(post), new AddInteraction(Samples.Boost(post, Samples.Bob))], null);

        await Writer.ApplyAsync([new DeletePost(post.Uri)], null);
        await Writer.ApplyAsync([new UpsertPost(post), new AddInteraction(Samples.Like(post, Samples.Bob))], null);

        Assert.Null(await Posts.FindAsync(post.Uri));
        Assert.True(await Posts.IsTombstonedAsync(post.Uri));
        var stats = await new StatsReader(Db).ReadAsync();
        Assert.Equal((0, 0), (stats.Posts, stats.Interactions));
    }

    [Fact]
    public async Task Delete_arriving_before_the_post_still_refuses_it()
    {
        var post = Samples.Post("1");

        await Writer.ApplyAsync([new DeletePost(post.Uri)], null);
        await Writer.ApplyAsync([new UpsertPost(post)], null);

        Assert.Null(await Posts.FindAsync(post.Uri));
    }

    [Fact]
    public async Task Deleting_a_reply_removes_its_reply_interaction_on_the_parent()
    {
        var parent = Samples.Post("1", Samples.Alice);
        var reply = Samples.Post("2", Samples.Bob) with { InReplyToUri = parent.Uri };
        var replied = new Interaction($"{reply.Uri}/activity", InteractionKind.Reply, Samples.Bob, parent.Uri, Samples.Published);
        await Writer.ApplyAsync([new UpsertPost(parent), new UpsertPost(reply), new AddInteraction(replied)], null);

        await Writer.ApplyAsync([new DeletePost(reply.Uri)], null);

        Assert.Equal(0, (await Posts.FindAsync(parent.Uri))!.ReplyCount);
    }

    [Fact]
    public async Task Deleted_actor_loses_posts_interactions_follows_and_cache_and_cannot_return()
    {
        var own = Samples.Post("1", Samples.Alice);
        var other = Samples.Post("2", Samples.Bob);
        var actors = new RemoteActorStore(Db);
        await actors.UpsertAsync(RemoteActor(Samples.Alice));
        await Writer.ApplyAsync(
        [
            new UpsertPost(own),
            new UpsertPost(other),
            new AddInteraction(Samples.Boost(own, Samples.Carol)),
            new AddInteraction(Samples.Like(other, Samples.Alice)),
            new AddFollower(Samples.Follower(Samples.Alice)),
            new AddFollower(Samples.Follower(Samples.Carol)),
        ], null);

        await Writer.ApplyAsync([new DeleteActor(Samples.Alice)], null);

        Assert.Null(await Posts.FindAsync(own.Uri));
        Assert.True(await Posts.IsTombstonedAsync(own.Uri));
        Assert.Equal(0, (await Posts.FindAsync(other.Uri))!.FavouriteCount);
        Assert.Equal([Samples.Carol], (await new FollowerStore(Db).ListAsync("tech")).Select(f => f.ActorUri));
        Assert.Null(await actors.FindAsync(Samples.Alice));
        Assert.True(await actors.IsTombstonedAsync(Samples.Alice));

        await Writer.ApplyAsync(
        [
            new UpsertPost(Samples.Post("3", Samples.Alice)),
            new AddInteraction(Samples.Like(other, Samples.Alice, "l2")),
            new AddFollower(Samples.Follower(Samples.Alice)),
        ], null);
        await actors.UpsertAsync(RemoteActor(Samples.Alice));

        var stats = await new StatsReader(Db).ReadAsync();
        Assert.Equal((1, 0, 1, 0), (stats.Posts, stats.Interactions, stats.Followers, stats.Actors));
    }

    private static RemoteActor RemoteActor(string uri) => new()
    {
        Uri = uri,
        Inbox = $"{uri}/inbox",
        Host = new Uri(uri).Host,
    };
}
