using Middleware.Interop.Tests.Peer;

namespace Middleware.Interop.Tests.Federation;

/// <summary>A Fedify account follows a feed and receives the feed's boost of a post, and the Update
/// of its changed profile, signed so that Fedify verifies them.</summary>
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

    [Fact]
    public async Task A_Fedify_follower_receives_the_feeds_signed_Update_when_its_profile_changes()
    {
        await using var network = await TestNetwork.StartAsync();
        var (service, peer) = network;
        var feed = await service.CreateFeedAsync(new { name = "buurt", displayName = "Buurt", ranker = "chronological" });
        await peer.FollowAsync("bob", feed);
        await peer.WaitForReceivedAsync("bob", r => r.Type == "Accept");
        await service.WaitForStatsAsync(s => s.Followers == 1, "one follower");

        await service.UpdateFeedAsync("buurt", new { name = "buurt", displayName = "Buurt", description = "Nieuws van om de hoek.", ranker = "chronological" });

        // The peer records only activities whose HTTP signature it verified.
        var update = await peer.WaitForReceivedAsync("bob", r => r.Type == "Update");
        Assert.Equal(feed, update.Actor);
        Assert.Equal(feed, update.Object);
        Assert.Equal("Service", update.ObjectType);
        Assert.Equal("shared", update.Inbox);
        Assert.Contains("Nieuws van om de hoek.", update.Raw.GetProperty("object").GetProperty("summary").GetString());
    }
}
