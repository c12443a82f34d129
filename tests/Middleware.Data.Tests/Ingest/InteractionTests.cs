using Middleware.Core.Ingest;
using Middleware.Core.Posts;
using Middleware.Data.Ingest;
using Middleware.Data.Posts;

namespace Middleware.Data.Tests.Ingest;

public sealed class InteractionTests : TestDatabase
{
    private static readonly Post Post = Samples.Post("1");


    private async Task<PostView> ViewAsync() => (await new PostStore(Db).FindAsync(Post.Uri))!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await Writer.ApplyAsync([new UpsertPost(Post)], null);
    }

    [Fact]
    public async Task Same_activity_twice_counts_once()
    {
        var boost = Samples.Boost(Post, Samples.Bob);

        await Writer.ApplyAsync([new AddInteraction(boost)], null);
        await Writer.ApplyAsync([new AddInteraction(boost)], null);

        Assert.Equal(1, (await ViewAsync()).BoostCount);
    }

    [Fact]
    public async Task Second_boost_by_the_same_actor_counts_once_but_replies_repeat()
    {
        var reply1 = new Interaction($"{Samples.Bob}/statuses/8/activity", InteractionKind.Reply, Samples.Bob, Post.Uri, Clock.Now);
        var reply2 = reply1 with { ActivityUri = $"{Samples.Bob}/statuses/9/activity" };

        await Writer.ApplyAsync(
        [
            new AddInteraction(Samples.Boost(Post, Samples.Bob, "b1")),
            new AddInteraction(Samples.Boost(Post, Samples.Bob, "b2")),
            new AddInteraction(reply1),
            new AddInteraction(reply2),
        ], null);

        var view = await ViewAsync();
        Assert.Equal((1, 2), (view.BoostCount, view.ReplyCount));
    }

    [Fact]
    public async Task Interaction_on_an_unknown_post_is_skipped()
    {
        var stray = Samples.Boost(Samples.Post("404"), Samples.Bob);

        await Writer.ApplyAsync([new AddInteraction(stray)], null);

        Assert.Equal(0, (await new StatsReader(Db).ReadAsync()).Interactions);
    }

    [Fact]
    public async Task Undo_by_another_actor_does_nothing()
    {
        var boost = Samples.Boost(Post, Samples.Bob);
        await Writer.ApplyAsync([new AddInteraction(boost)], null);

        await Writer.ApplyAsync([new RemoveInteraction(boost.ActivityUri, Samples.Carol)], null);
        Assert.Equal(1, (await ViewAsync()).BoostCount);

        await Writer.ApplyAsync([new RemoveInteraction(boost.ActivityUri, Samples.Bob)], null);
        Assert.Equal(0, (await ViewAsync()).BoostCount);
    }

    [Fact]
    public async Task Undo_by_target_removes_only_that_kind_by_that_actor()
    {
        await Writer.ApplyAsync(
        [
            new AddInteraction(Samples.Like(Post, Samples.Bob)),
            new AddInteraction(Samples.Boost(Post, Samples.Bob)),
            new AddInteraction(Samples.Like(Post, Samples.Carol)),
        ], null);

        await Writer.ApplyAsync([new RemoveInteractionOnPost(InteractionKind.Favourite, Samples.Bob, Post.Uri)], null);

        var view = await ViewAsync();
        Assert.Equal((1, 1), (view.FavouriteCount, view.BoostCount));
    }
}
