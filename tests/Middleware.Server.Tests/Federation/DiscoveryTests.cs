using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Middleware.Server.Tests.Infrastructure;

namespace Middleware.Server.Tests.Federation;

public sealed class DiscoveryTests : ServiceFixture
{
    [Fact]
    public async Task WebFinger_finds_a_feed_actor_by_acct_and_by_url()
    {
        var id = await CreateFeedActorAsync("bridging");
        foreach (var resource in new[] { "acct:bridging@localhost", id })
        {
            var response = await Client.GetAsync($"/.well-known/webfinger?resource={Uri.EscapeDataString(resource)}");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("application/jrd+json", response.Content.Headers.ContentType!.MediaType);
            var jrd = await response.Content.ReadFromJsonAsync<JsonElement>();
            Assert.Equal("acct:bridging@localhost", jrd.GetProperty("subject").GetString());
            var self = jrd.GetProperty("links").EnumerateArray().Single(l => l.GetProperty("rel").GetString() == "self");
            Assert.Equal(id, self.GetProperty("href").GetString());
            Assert.Equal("application/activity+json", self.GetProperty("type").GetString());
        }
    }

    [Theory]
    [InlineData("acct:nobody@localhost", HttpStatusCode.NotFound)]
    [InlineData("acct:instance.actor@elsewhere.example", HttpStatusCode.NotFound)]
    [InlineData("", HttpStatusCode.BadRequest)]
    public async Task WebFinger_refuses_what_is_not_ours(string resource, HttpStatusCode expected)
    {
        var response = await Client.GetAsync($"/.well-known/webfinger?resource={Uri.EscapeDataString(resource)}");
        Assert.Equal(expected, response.StatusCode);
    }

    [Theory]
    [InlineData("application/activity+json")]
    [InlineData("application/ld+json; profile=\"https://www.w3.org/ns/activitystreams\"")]
    public async Task Actor_document_is_served_for_ActivityPub_media_types(string accept)
    {
        var id = await CreateFeedActorAsync($"feed{Math.Abs(accept.GetHashCode()) % 1000}");
        var request = new HttpRequestMessage(HttpMethod.Get, id);
        request.Headers.Accept.Add(MediaTypeWithQualityHeaderValue.Parse(accept));
        var response = await Client.SendAsync(request);
        Assert.Equal("application/activity+json", response.Content.Headers.ContentType!.MediaType);
        var actor = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(id, actor.GetProperty("id").GetString());
        Assert.Equal("Service", actor.GetProperty("type").GetString());
        foreach (var field in new[] { "inbox", "outbox", "followers", "following", "preferredUsername", "name", "summary", "url", "discoverable" })
            Assert.True(actor.TryGetProperty(field, out _), $"missing {field}");
        Assert.Equal("http://localhost/inbox", actor.GetProperty("endpoints").GetProperty("sharedInbox").GetString());
        var key = actor.GetProperty("publicKey");
        Assert.Equal($"{id}#main-key", key.GetProperty("id").GetString());
        Assert.Equal(id, key.GetProperty("owner").GetString());
        Assert.StartsWith("-----BEGIN PUBLIC KEY-----", key.GetProperty("publicKeyPem").GetString());
    }

    [Fact]
    public async Task Instance_actor_exists_and_browsers_get_a_page()
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/actor");
        request.Headers.Accept.ParseAdd("application/activity+json");
        var actor = await (await Client.SendAsync(request)).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("http://localhost/actor", actor.GetProperty("id").GetString());
        Assert.Equal("Application", actor.GetProperty("type").GetString());

        var page = await Client.GetAsync("/actor");
        Assert.Equal("text/html", page.Content.Headers.ContentType!.MediaType);
    }

    [Fact]
    public async Task NodeInfo_and_host_meta_are_published()
    {
        var links = await Client.GetFromJsonAsync<JsonElement>("/.well-known/nodeinfo");
        var href = links.GetProperty("links")[0].GetProperty("href").GetString()!;
        var nodeinfo = await Client.GetFromJsonAsync<JsonElement>(new Uri(href).PathAndQuery);
        Assert.Equal("2.0", nodeinfo.GetProperty("version").GetString());
        Assert.Equal("activitypub", nodeinfo.GetProperty("protocols")[0].GetString());
        Assert.Equal("middleware", nodeinfo.GetProperty("software").GetProperty("name").GetString());

        var hostMeta = await Client.GetStringAsync("/.well-known/host-meta");
        Assert.Contains("http://localhost/.well-known/webfinger?resource={uri}", hostMeta);
    }
}
