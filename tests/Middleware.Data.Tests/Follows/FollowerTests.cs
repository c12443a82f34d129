using Middleware.Core.Ingest;
using Middleware.Data.Follows;
using Middleware.Data.Ingest;

namespace Middleware.Data.Tests.Follows;

public sealed class FollowerTests : TestDatabase
{

    private FollowerStore Followers => new(Db);

    [Fact]
    public async Task Repeated_follow_updates_the_row_and_keeps_the_date()
    {
        var first = Samples.Follower(Samples.Bob);
        var again = first with { FollowActivityUri = $"{Samples.Bob}#follows/2", Since = Clock.Now, SharedInbox = null };

        await Writer.ApplyAsync([new AddFollower(first)], null);
        await Writer.ApplyAsync([new AddFollower(again)], null);

        var stored = Assert.Single(await Followers.ListAsync("tech"));
        Assert.Equal(again with { Since = first.Since }, stored);
        Assert.Equal(1, await Followers.CountAsync("tech"));
        Assert.Equal(0, await Followers.CountAsync("science"));
    }

    [Fact]
    public async Task Unfollow_removes_only_that_pair()
    {
        await Writer.ApplyAsync(
        [
            new AddFollower(Samples.Follower(Samples.Bob, "tech")),
            new AddFollower(Samples.Follower(Samples.Bob, "science")),
        ], null);

        await Writer.ApplyAsync([new RemoveFollower("tech", Samples.Bob)], null);

        Assert.Empty(await Followers.ListAsync("tech"));
        Assert.Single(await Followers.ListAsync("science"));
    }

    [Fact]
    public async Task Block_drops_the_follower_of_that_local_actor()
    {
        await Writer.ApplyAsync(
        [
            new AddFollower(Samples.Follower(Samples.Bob, "tech")),
            new AddFollower(Samples.Follower(Samples.Bob, "science")),
        ], null);

        await Writer.ApplyAsync([new RecordBlock(Samples.Bob, "tech", $"{Samples.Bob}#blocks/1")], null);
        await Writer.ApplyAsync([new RecordBlock(Samples.Bob, "tech", $"{Samples.Bob}#blocks/1")], null);

        Assert.Empty(await Followers.ListAsync("tech"));
        Assert.Single(await Followers.ListAsync("science"));
    }
}
