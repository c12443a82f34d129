using System.Net;
using System.Text.Json;
using Middleware.Interop.Tests.Peer;
using Middleware.Interop.Tests.Service;

namespace Middleware.Interop.Tests.Federation;

/// <summary>An account source on a Fedify peer: our Follow, its Accept, then its posts and the
/// interactions on them as they reach our shared inbox.</summary>
public sealed class FollowingAccountTests
{
    [Fact]
    public async Task Account_source_sends_Follow_from_the_instance_actor_and_becomes_following_on_Accept()
    {
        await using var network = await TestNetwork.StartAsync();
        var (service, peer) = network;

        var added = await service.AddSourceAsync("account", "@" + peer.Handle("alice"));

        Assert.True(added.Status == HttpStatusCode.Created, added.Body);
        Assert.Equal("pending", added.Source!.State);
        Assert.Equal(peer.ActorUrl("alice"), added.Source.Target);
        var follow = await peer.WaitForReceivedAsync("alice", r => r.Type == "Follow");
        Assert.Equal(service.InstanceActorUrl, follow.Actor);
        Assert.Equal(peer.ActorUrl("alice"), follow.Object);
        Assert.Equal("personal", follow.Inbox);
        await WaitUntilFollowingAsync(service, added.Source.Id);
        Assert.Equal(service.InstanceActorUrl, Assert.Single(await peer.GetFollowersAsync("alice")).Id);
    }

    [Fact]
    public async Task Posts_of_a_followed_account_are_stored_updated_boosted_liked_and_deleted()
    {
        await using var network = await TestNetwork.StartAsync();
        var (service, peer) = network;
        await FollowAsync(service, peer, "alice");

        var note = await peer.CreateNoteAsync(new NewNote("alice", "<p>Hallo #buurt, de markt is open</p>")
        {
            Tags = ["buurt"], Language = "nl", Summary = "markt",
        });
        Assert.Equal([service.SharedInboxUrl], note.DeliveredTo);
        var post = await service.WaitForPostAsync(note.Id);
        Assert.Equal(peer.ActorUrl("alice"), post.GetProperty("author").GetString());
        Assert.Contains("de markt is open", post.GetProperty("text").GetString());
        Assert.Equal(["buurt"], post.GetProperty("hashtags").EnumerateArray().Select(t => t.GetString()));
        Assert.Equal("nl", post.GetProperty("language").GetString());
        Assert.Equal("markt", post.GetProperty("contentWarning").GetString());
        Assert.Equal("public", post.GetProperty("visibility").GetString());

        await peer.UpdateNoteAsync("alice", note.Id, "<p>De markt is dicht</p>");
        await service.WaitForPostAsync(note.Id, p => p.GetProperty("text").GetString()!.Contains("De markt is dicht"));

        await peer.AnnounceAsync("bob", note.Id, service.SharedInboxUrl);
        post = await service.WaitForPostAsync(note.Id, p => p.GetProperty("boosts").GetInt32() == 1);
        Assert.Contains(peer.ActorUrl("bob"), post.GetProperty("boostedBy").EnumerateArray().Select(b => b.GetString()));

        var like = await peer.LikeAsync("bob", note.Id, service.SharedInboxUrl);
        await service.WaitForPostAsync(note.Id, p => p.GetProperty("favourites").GetInt32() == 1);
        await peer.UndoAsync("bob", like.Id);
        await service.WaitForPostAsync(note.Id, p => p.GetProperty("favourites").GetInt32() == 0);

        await peer.DeleteNoteAsync("alice", note.Id);
        await service.WaitUntilAsync(() => service.GetPostAsync(note.Id), p => p is null, $"post {note.Id} deleted");
    }

    /// <summary>Adds <paramref name="account"/> of <paramref name="peer"/> as a source and waits for its Accept.</summary>
    internal static async Task FollowAsync(MiddlewareProcess service, FedifyPeer peer, string account)
    {
        var added = await service.AddSourceAsync("account", "@" + peer.Handle(account));
        Assert.True(added.Status == HttpStatusCode.Created, added.Body);
        await WaitUntilFollowingAsync(service, added.Source!.Id);
    }

    private static Task WaitUntilFollowingAsync(MiddlewareProcess service, long sourceId) =>
        service.WaitUntilAsync(service.ListSourcesAsync,
            sources => sources.Any(s => s.Id == sourceId && s.State == "following"),
            $"source {sourceId} following");
}
