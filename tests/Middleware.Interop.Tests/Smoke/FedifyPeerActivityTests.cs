using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Middleware.Interop.Tests.Peer;

namespace Middleware.Interop.Tests.Smoke;

/// <summary>The control API's posting and raw-signing paths, peer to peer.</summary>
public sealed class FedifyPeerActivityTests
{
    [Fact]
    public async Task Note_lifecycle_reaches_followers_and_the_note_is_served_then_gone()
    {
        await using var author = await FedifyPeer.StartAsync();
        await using var reader = await FedifyPeer.StartAsync();
        await reader.FollowAsync("alice", author.ActorUrl("bob"));

        var note = await author.CreateNoteAsync(new NewNote("bob", "<p>hallo</p>")
        {
            Summary = "cw", Tags = ["fediverse"], Language = "nl",
        });
        Assert.Equal(HttpStatusCode.OK, await FetchStatusAsync(note.Id));
        await author.UpdateNoteAsync("bob", note.Id, "<p>bewerkt</p>");
        await author.DeleteNoteAsync("bob", note.Id);

        var types = (await reader.GetReceivedAsync("alice")).Select(r => r.Type).ToList();
        Assert.Equal(["Accept", "Create", "Update", "Delete"], types);
        var create = Assert.Single(await reader.GetReceivedAsync("alice", "Create"));
        Assert.Equal(note.Id, create.Object);
        Assert.Equal("shared", create.Inbox);
        Assert.Equal("nl", create.Raw.GetProperty("object").GetProperty("contentMap").EnumerateObject().Single().Name);
        Assert.Equal(HttpStatusCode.Gone, await FetchStatusAsync(note.Id));
    }

    [Fact]
    public async Task Raw_send_is_accepted_when_signed_and_rejected_when_tampered()
    {
        await using var sender = await FedifyPeer.StartAsync();
        await using var target = await FedifyPeer.StartAsync();

        Task<RawDelivery> SendAsync(RawTamper tamper) => sender.SendRawAsync("alice", target.InboxUrl("bob"), new JsonObject
        {
            ["@context"] = "https://www.w3.org/ns/activitystreams",
            ["id"] = $"{sender.ActorUrl("alice")}#raw-{tamper}",
            ["type"] = "Like",
            ["actor"] = sender.ActorUrl("alice"),
            ["object"] = target.ActorUrl("bob"),
        }, tamper);

        Assert.Equal(202, (await SendAsync(RawTamper.None)).Status);
        foreach (var tamper in new[] { RawTamper.Body, RawTamper.WrongKey, RawTamper.StaleDate, RawTamper.Unsigned })
        {
            Assert.Equal(401, (await SendAsync(tamper)).Status);
        }
        Assert.Single(await target.GetReceivedAsync("bob", "Like"));
    }

    private static async Task<HttpStatusCode> FetchStatusAsync(string url)
    {
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/activity+json"));
        using var response = await http.SendAsync(request);
        return response.StatusCode;
    }
}
