using Middleware.Interop.Tests.Service;

namespace Middleware.Interop.Tests.Federation;

/// <summary>A Fedify account follows one of our feed actors and unfollows it again.</summary>
public sealed class FeedActorFollowTests
{
    [Fact]
    public async Task Follow_of_a_feed_actor_is_accepted_with_a_signature_Fedify_verifies_and_Undo_removes_the_follower()
    {
        await using var network = await TestNetwork.StartAsync();
        var (service, peer) = network;
        var feed = await service.CreateFeedActorAsync("buurt", "Buurt");
        Assert.Equal(service.FeedActorUrl("buurt"), feed);

        var followId = await peer.FollowAsync("bob", feed);

        // The peer records only activities whose HTTP signature it verified.
        var accept = await peer.WaitForReceivedAsync("bob", r => r.Type == "Accept");
        Assert.Equal(feed, accept.Actor);
        Assert.Equal(followId, accept.Object);
        Assert.Equal("personal", accept.Inbox);
        Assert.Equal("cavage", accept.Signature);
        await service.WaitForStatsAsync(s => s.Followers == 1, "one follower");
        await Eventually.MatchAsync(() => peer.GetFollowingAsync("bob"),
            following => following.Any(f => f.Target == feed && f.State == "accepted"), "bob's Follow accepted", () => network.Logs);

        await peer.UnfollowAsync("bob", feed);

        await service.WaitForStatsAsync(s => s.Followers == 0, "no followers");
    }
}
