using System.Net;
using System.Text.Json;
using System.Net.Http.Json;
using Middleware.Server.Tests.Infrastructure;

namespace Middleware.Server.Tests.Edges;

/// <summary>Verified inbox POSTs count per sending host (the signing key's host): a host over its
/// budget gets 429 with Retry-After and nothing stored; other hosts are not held up.</summary>
public sealed class InboxHostLimitTests : ServiceFixture
{
    protected override void Configure(MiddlewareFactory service)
    {
        service.Settings["Middleware:RateLimits:InboxPerHost:PermitLimit"] = "2";
        service.Settings["Middleware:RateLimits:InboxPerHost:Window"] = "00:10:00";
    }

    [Fact]
    public async Task A_host_over_its_budget_is_refused_and_another_host_is_not()
    {
        using var alice = RemoteAccount.Create(Remote, "alice");
        using var bob = RemoteAccount.Create(Remote, "bob");
        await using var other = await RemoteServer.StartAsync();
        using var carol = RemoteAccount.Create(other, "carol");
        string Note(RemoteAccount who, string status) => Payloads.Load("create-note.json", who.Values(("status", status)));

        Assert.Equal(HttpStatusCode.Accepted, (await PostAsync(alice, "/inbox", Note(alice, "1"))).StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, (await PostAsync(bob, "/inbox", Note(bob, "2"))).StatusCode);
        // The third from that host (whichever of its accounts signs) is over the host's budget.
        var refused = await PostAsync(alice, "/inbox", Note(alice, "3"));
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.True(refused.Headers.RetryAfter?.Delta > TimeSpan.Zero);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType!.MediaType);
        Assert.EndsWith("#too-many-requests", (await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("type").GetString());

        Assert.Equal(HttpStatusCode.Accepted, (await PostAsync(carol, "/inbox", Note(carol, "4"))).StatusCode);
        await DrainInboxAsync();
        Assert.Null(await GetPostAsync($"{alice.Id}/statuses/3"));
        Assert.NotNull(await GetPostAsync($"{carol.Id}/statuses/4"));
    }
}
