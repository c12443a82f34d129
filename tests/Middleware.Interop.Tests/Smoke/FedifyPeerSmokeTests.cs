using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Nodes;
using Middleware.Interop.Tests.Peer;

namespace Middleware.Interop.Tests.Smoke;

/// <summary>The peer on its own: these prove the fixture and the peer work before our service is involved.</summary>
public sealed class FedifyPeerSmokeTests
{
    [Fact]
    public async Task Peer_starts_and_reports_health()
    {
        await using var peer = await FedifyPeer.StartAsync();
        using var http = new HttpClient();

        using var response = await http.GetAsync(new Uri(peer.BaseUrl, "/_control/health"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task WebFinger_answers_with_a_self_link_to_the_actor()
    {
        await using var peer = await FedifyPeer.StartAsync();
        using var http = new HttpClient();

        var json = await http.GetStringAsync(
            new Uri(peer.BaseUrl, $"/.well-known/webfinger?resource=acct:{peer.Handle("alice")}"));

        var links = JsonDocument.Parse(json).RootElement.GetProperty("links").EnumerateArray();
        var self = Assert.Single(links, l => l.GetProperty("rel").GetString() == "self");
        Assert.Equal(peer.ActorUrl("alice"), self.GetProperty("href").GetString());
        Assert.Equal("application/activity+json", self.GetProperty("type").GetString());
    }

    [Fact]
    public async Task Actor_is_a_Person_with_a_public_key()
    {
        await using var peer = await FedifyPeer.StartAsync();
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, peer.ActorUrl("alice"));
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/activity+json"));

        using var response = await http.SendAsync(request);
        var actor = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Person", actor.GetProperty("type").GetString());
        Assert.Equal(peer.ActorUrl("alice"), actor.GetProperty("id").GetString());
        Assert.Equal(peer.InboxUrl("alice"), actor.GetProperty("inbox").GetString());
        var publicKey = actor.GetProperty("publicKey");
        Assert.Equal(peer.ActorUrl("alice"), publicKey.GetProperty("owner").GetString());
        Assert.StartsWith("-----BEGIN PUBLIC KEY-----", publicKey.GetProperty("publicKeyPem").GetString());
    }

    [Fact]
    public async Task Follow_between_two_peers_is_received_and_accepted()
    {
        await using var peerA = await FedifyPeer.StartAsync();
        await using var peerB = await FedifyPeer.StartAsync();

        var followId = await peerA.FollowAsync("alice", peerB.ActorUrl("bob"));

        var follow = Assert.Single(await peerB.GetReceivedAsync("bob", "Follow"));
        Assert.Equal(followId, follow.Id);
        Assert.Equal(peerA.ActorUrl("alice"), follow.Actor);
        Assert.Equal(peerB.ActorUrl("bob"), follow.Object);
        var accept = Assert.Single(await peerA.GetReceivedAsync("alice", "Accept"));
        Assert.Equal(peerB.ActorUrl("bob"), accept.Actor);
        Assert.Equal(followId, accept.Object);
        var following = Assert.Single(await peerA.GetFollowingAsync("alice"));
        Assert.Equal("accepted", following.State);
        Assert.Equal(peerA.ActorUrl("alice"), Assert.Single(await peerB.GetFollowersAsync("bob")).Id);
    }
}
