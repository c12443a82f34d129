using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Middleware.Server.Tests.ClientApi;
using Middleware.Server.Tests.Infrastructure;

namespace Middleware.Server.Tests.Edges;

/// <summary>Each open edge refuses a flood from one client with 429, <c>Retry-After</c> and a problem
/// document (with Mastodon's <c>error</c>), and counts every client on its own.</summary>
public sealed class RateLimitTests : ClientApiFixture
{
    protected override void Configure(MiddlewareFactory service)
    {
        foreach (var limit in new[] { "Apps", "OAuth", "Interactions", "SignIn", "Votes", "InboxPerAddress" })
        {
            service.Settings[$"Middleware:RateLimits:{limit}:PermitLimit"] = "2";
            service.Settings[$"Middleware:RateLimits:{limit}:Window"] = "00:10:00";
        }
        service.Settings["Middleware:KnownProxies:0"] = "10.0.0.1";
    }

    private static FormUrlEncodedContent AppForm() => new(new Dictionary<string, string>
    {
        ["client_name"] = "Flood", ["redirect_uris"] = AppRedirect,
    });

    /// <summary>Asserts the third request (after two allowed) is refused as too many.</summary>
    private static async Task AssertRefusedAsync(HttpResponseMessage refused, string mediaType = "application/json")
    {
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        var seconds = refused.Headers.RetryAfter?.Delta?.TotalSeconds;
        Assert.True(seconds is > 0 and <= 600, $"Retry-After: {refused.Headers.RetryAfter}");
        Assert.Equal(mediaType, refused.Content.Headers.ContentType!.MediaType);
        var body = await refused.Content.ReadFromJsonAsync<JsonElement>();
        Assert.EndsWith("#too-many-requests", body.GetProperty("type").GetString());
        Assert.Equal(429, body.GetProperty("status").GetInt32());
        Assert.Contains("try again in", body.GetProperty("detail").GetString());
        Assert.False(string.IsNullOrEmpty(body.GetProperty("error").GetString()));
    }

    [Fact]
    public async Task App_registrations_are_limited_per_client_address()
    {
        for (var i = 0; i < 2; i++)
            Assert.Equal(HttpStatusCode.OK, (await Client.PostAsync("/api/v1/apps", AppForm())).StatusCode);
        await AssertRefusedAsync(await Client.PostAsync("/api/v1/apps", AppForm()));
    }

    [Theory]
    [InlineData("/oauth/token")]
    [InlineData("/oauth/revoke")]
    [InlineData("/oauth/authorize")]
    public async Task OAuth_requests_are_limited_per_client_address(string path)
    {
        var (id, _) = await RegisterAppAsync();
        var form = () => new FormUrlEncodedContent(new Dictionary<string, string> { ["client_id"] = id, ["grant_type"] = "client_credentials" });
        // Every /oauth path counts against one budget: the callback and the authorize form too.
        Assert.NotEqual(HttpStatusCode.TooManyRequests, (await Client.GetAsync("/oauth/callback?state=nothing")).StatusCode);
        Assert.NotEqual(HttpStatusCode.TooManyRequests, (await Client.GetAsync($"/oauth/authorize?client_id={id}")).StatusCode);
        await AssertRefusedAsync(await Client.PostAsync(path, form()));
    }

    [Fact]
    public async Task Feed_interactions_are_limited_per_client_address()
    {
        var body = () => new StringContent("""{"interactions":[]}""", Encoding.UTF8, "application/json");
        for (var i = 0; i < 2; i++)
            Assert.Equal(HttpStatusCode.Unauthorized, (await Client.PostAsync("/api/v1/feeds/news/interactions", body())).StatusCode);
        await AssertRefusedAsync(await Client.PostAsync("/api/v1/feeds/news/interactions", body()));
    }

    [Fact]
    public async Task Web_sign_in_and_vote_posts_are_limited_per_client_address()
    {
        var form = () => new FormUrlEncodedContent(new Dictionary<string, string> { ["handle"] = "@someone@example.org" });
        for (var i = 0; i < 2; i++)
        {
            Assert.NotEqual(HttpStatusCode.TooManyRequests, (await Client.PostAsync("/login", form())).StatusCode);
            Assert.NotEqual(HttpStatusCode.TooManyRequests, (await Client.PostAsync("/feeds/news/vote", form())).StatusCode);
        }
        await AssertRefusedAsync(await Client.PostAsync("/login", form()), "application/problem+json");
        await AssertRefusedAsync(await Client.PostAsync("/feeds/news/vote", form()), "application/problem+json");
    }

    [Fact]
    public async Task Inbox_posts_are_limited_per_remote_address_before_verification()
    {
        var note = () => new StringContent("""{"type":"Create"}""", Encoding.UTF8, "application/activity+json");
        for (var i = 0; i < 2; i++)
            Assert.Equal(HttpStatusCode.Unauthorized, (await Client.PostAsync("/inbox", note())).StatusCode);
        await AssertRefusedAsync(await Client.PostAsync("/users/nobody/inbox", note()), "application/problem+json");
    }

    [Fact]
    public async Task Behind_a_known_proxy_each_forwarded_client_has_its_own_budget()
    {
        HttpRequestMessage Register(string client)
        {
            var request = PeerAddress.From("10.0.0.1", HttpMethod.Post, "/api/v1/apps", AppForm());
            request.Headers.Add("X-Forwarded-For", client);
            return request;
        }
        for (var i = 0; i < 2; i++)
            Assert.Equal(HttpStatusCode.OK, (await Client.SendAsync(Register("203.0.113.7"))).StatusCode);
        await AssertRefusedAsync(await Client.SendAsync(Register("203.0.113.7")));
        Assert.Equal(HttpStatusCode.OK, (await Client.SendAsync(Register("203.0.113.8"))).StatusCode);
        // IPv6 clients count per /64: another address in the same /64 is the same client.
        Assert.Equal(HttpStatusCode.OK, (await Client.SendAsync(Register("2001:db8:1:1::1"))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Client.SendAsync(Register("2001:db8:1:1::2"))).StatusCode);
        await AssertRefusedAsync(await Client.SendAsync(Register("2001:db8:1:1::3")));
    }

    [Fact]
    public async Task From_an_unknown_address_forwarded_clients_are_not_believed()
    {
        HttpRequestMessage Register(string client)
        {
            var request = PeerAddress.From("198.51.100.9", HttpMethod.Post, "/api/v1/apps", AppForm());
            request.Headers.Add("X-Forwarded-For", client);
            return request;
        }
        for (var i = 0; i < 2; i++)
            Assert.Equal(HttpStatusCode.OK, (await Client.SendAsync(Register($"203.0.113.{i}"))).StatusCode);
        await AssertRefusedAsync(await Client.SendAsync(Register("203.0.113.99")));
    }
}
