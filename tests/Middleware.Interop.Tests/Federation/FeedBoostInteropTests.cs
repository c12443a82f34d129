using Middleware.Interop.Tests.Peer;

namespace Middleware.Interop.Tests.Federation;

/// <summary>A Fedify account follows a feed and receives the feed's boost of a post, signed so
/// that Fedify verifies it.</summary>
public sealed class FeedBoostInteropTests
{
    [Fact]
    public async Task A_Fedify_follower_receives_the_feeds_signed_Announce_of_the_top_post()
    {
        await using var network = await TestNetwork.StartAsync();
        var (service, peer) = network;
        var feed = await service.CreateFeedAsync(new { name = "buurt", displayName = "Buurt", ranker = "chronological", boostIntervalSeconds = 60 });
        await peer.FollowAsync("bob", feed);
        await peer.WaitForReceivedAsync("bob", r => r.Type == "Accept");
        await service.WaitForStatsAsync(s => s.Followers == 1, "one follower");

        var note = await peer.CreateNoteAsync(new NewNote("alice", "<p>De markt is open</p>") { Inbox = service.SharedInboxUrl });
        await service.WaitForPostAsync(note.Id);

        // The peer records only activities whose HTTP signature it verified.
        var announce = await peer.WaitForReceivedAsync("bob", r => r.Type == "Announce");
        Assert.Equal(feed, announce.Actor);
        Assert.Equal(note.Id, announce.Object);
    }
}
