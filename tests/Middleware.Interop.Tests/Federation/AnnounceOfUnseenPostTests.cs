using Middleware.Interop.Tests.Peer;

namespace Middleware.Interop.Tests.Federation;

/// <summary>A boost of a post that never reached us: the post is fetched from its origin.</summary>
public sealed class AnnounceOfUnseenPostTests
{
    [Fact]
    public async Task Announce_of_a_post_we_never_received_fetches_it_from_the_origin_and_stores_it()
    {
        await using var network = await TestNetwork.StartAsync();
        var (service, peer) = network;
        // Public but delivered nowhere: nobody follows alice and no inbox is named.
        var note = await peer.CreateNoteAsync(new NewNote("alice", "<p>Alleen op de server van alice</p>") { Tags = ["fetch"] });
        Assert.Empty(note.DeliveredTo);

        var announce = await peer.AnnounceAsync("bob", note.Id, service.SharedInboxUrl);

        Assert.Contains(service.SharedInboxUrl, announce.DeliveredTo);
        var post = await service.WaitForPostAsync(note.Id, p => p.GetProperty("boosts").GetInt32() == 1);
        Assert.Equal(peer.ActorUrl("alice"), post.GetProperty("author").GetString());
        Assert.Contains("Alleen op de server van alice", post.GetProperty("text").GetString());
        Assert.Equal(["fetch"], post.GetProperty("hashtags").EnumerateArray().Select(t => t.GetString()));
        Assert.Equal([peer.ActorUrl("bob")], post.GetProperty("boostedBy").EnumerateArray().Select(b => b.GetString()));
    }
}
