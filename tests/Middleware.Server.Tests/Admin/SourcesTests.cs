using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Middleware.Server.Tests.Infrastructure;

namespace Middleware.Server.Tests.Admin;

public sealed class SourcesTests : ServiceFixture
{
    private async Task<JsonElement> AddSourceAsync(object body, HttpStatusCode expected = HttpStatusCode.Created)
    {
        var response = await Admin.PostAsJsonAsync("/api/admin/sources", body);
        Assert.Equal(expected, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private async Task<string?> StateOfAsync(long id) =>
        (await Admin.GetFromJsonAsync<JsonElement>("/api/admin/sources")).EnumerateArray()
        .Where(s => s.GetProperty("id").GetInt64() == id).Select(s => s.GetProperty("state").GetString()).FirstOrDefault();

    [Fact]
    public async Task Admin_api_needs_the_token()
    {
        Assert.Equal(HttpStatusCode.Unauthorized, (await Client.GetAsync("/api/admin/sources")).StatusCode);
        var wrong = Service.CreateClient();
        wrong.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", "nope");
        Assert.Equal(HttpStatusCode.Unauthorized, (await wrong.GetAsync("/api/admin/stats")).StatusCode);
    }

    [Fact]
    public async Task Following_an_account_goes_pending_then_following_on_Accept_and_Undo_on_delete()
    {
        using var alice = RemoteAccount.Create(Remote, "alice");
        var source = await AddSourceAsync(new { type = "account", target = $"@alice@{Remote.Host}" });
        Assert.Equal("pending", source.GetProperty("state").GetString());
        Assert.Equal(alice.Id, source.GetProperty("target").GetString());
        var id = source.GetProperty("id").GetInt64();

        var delivery = await Eventually.FirstAsync(() => Remote.PostsTo(alice.Inbox).FirstOrDefault(), "the Follow");
        var follow = JsonDocument.Parse(delivery.Body).RootElement;
        Assert.Equal("Follow", follow.GetProperty("type").GetString());
        Assert.Equal("http://localhost/actor", follow.GetProperty("actor").GetString());
        Assert.Equal(alice.Id, follow.GetProperty("object").GetString());
        Assert.Contains("digest", delivery.Headers["Signature"]);

        var accept = Payloads.Load("accept.json", alice.Values(("n", "1"), ("follow_id", follow.GetProperty("id").GetString()!), ("local_actor", "http://localhost/actor")));
        Assert.Equal(HttpStatusCode.Accepted, (await PostAsync(alice, "/actor/inbox", accept)).StatusCode);
        await Eventually.TrueAsync(async () => await StateOfAsync(id) == "following", "the Accept");

        Assert.Equal(HttpStatusCode.NoContent, (await Admin.DeleteAsync($"/api/admin/sources/{id}")).StatusCode);
        var undo = await Eventually.FirstAsync(() => Remote.PostsTo(alice.Inbox).Skip(1).FirstOrDefault(), "the Undo");
        var undoJson = JsonDocument.Parse(undo.Body).RootElement;
        Assert.Equal("Undo", undoJson.GetProperty("type").GetString());
        Assert.Equal(follow.GetProperty("id").GetString(), undoJson.GetProperty("object").GetProperty("id").GetString());
        Assert.Null(await StateOfAsync(id));
        Assert.Equal(HttpStatusCode.NotFound, (await Admin.DeleteAsync($"/api/admin/sources/{id}")).StatusCode);
    }

    [Fact]
    public async Task A_Reject_marks_the_source_rejected()
    {
        using var bob = RemoteAccount.Create(Remote, "bob");
        var source = await AddSourceAsync(new { type = "account", target = bob.Id });
        var id = source.GetProperty("id").GetInt64();
        var delivery = await Eventually.FirstAsync(() => Remote.PostsTo(bob.Inbox).FirstOrDefault(), "the Follow");
        var followId = JsonDocument.Parse(delivery.Body).RootElement.GetProperty("id").GetString()!;
        var reject = Payloads.Load("reject.json", bob.Values(("n", "1"), ("follow_id", followId), ("local_actor", "http://localhost/actor")));
        await PostAsync(bob, "/actor/inbox", reject);
        await Eventually.TrueAsync(async () => await StateOfAsync(id) == "rejected", "the Reject");
    }

    [Fact]
    public async Task A_relay_is_followed_with_the_public_collection()
    {
        using var relay = RemoteAccount.Create(Remote, "relay");
        var source = await AddSourceAsync(new { type = "relay", target = relay.Id });
        Assert.Equal("relay", source.GetProperty("type").GetString());
        var delivery = await Eventually.FirstAsync(() => Remote.PostsTo(relay.Inbox).FirstOrDefault(), "the Follow");
        Assert.Equal("https://www.w3.org/ns/activitystreams#Public", JsonDocument.Parse(delivery.Body).RootElement.GetProperty("object").GetString());
    }

    [Theory]
    [InlineData("{\"type\":\"planet\",\"target\":\"x\"}", "'type' must be one of")]
    [InlineData("{\"type\":\"account\"}", "'target' is required")]
    [InlineData("{\"type\":\"account\",\"target\":\"not a handle\"}", "neither an actor URL nor a handle")]
    [InlineData("{\"type\":\"relay\",\"target\":\"relay.example\"}", "relay actor's http(s) URL")]
    [InlineData("{\"type\":\"timeline\",\"target\":\"ftp://x.example\"}", "instance's base URL")]
    public async Task Invalid_sources_get_an_error_that_names_the_problem(string body, string error)
    {
        var response = await Admin.PostAsync("/api/admin/sources", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));
        Assert.True(response.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.UnprocessableEntity, response.StatusCode.ToString());
        Assert.Contains(error, (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetString());
        Assert.Empty((await Admin.GetFromJsonAsync<JsonElement>("/api/admin/sources")).EnumerateArray());
    }

    [Fact]
    public async Task An_unknown_account_is_reported_and_not_stored()
    {
        var response = await Admin.PostAsJsonAsync("/api/admin/sources", new { type = "account", target = $"@ghost@{Remote.Host}" });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Empty((await Admin.GetFromJsonAsync<JsonElement>("/api/admin/sources")).EnumerateArray());
    }

    [Fact]
    public async Task A_spent_rate_limit_moves_the_next_poll_to_the_reset_time()
    {
        var reset = DateTimeOffset.UtcNow.AddMinutes(30);
        var headers = new Dictionary<string, string> { ["X-RateLimit-Remaining"] = "0", ["X-RateLimit-Reset"] = reset.ToString("o") };
        Remote.Serve("/api/v1/timelines/public?limit=40", "[]", "application/json", headers: headers);
        await AddSourceAsync(new { type = "timeline", target = Remote.BaseUrl });
        await Eventually.TrueAsync(async () =>
        {
            var source = (await Admin.GetFromJsonAsync<JsonElement>("/api/admin/sources"))[0];
            return source.GetProperty("nextPollAt").ValueKind == JsonValueKind.String
                   && source.GetProperty("nextPollAt").GetDateTimeOffset() >= reset.AddSeconds(-1);
        }, "the next poll to wait for the reset");
    }

    [Fact]
    public async Task A_handle_whose_actor_does_not_point_back_is_refused()
    {
        // WebFinger for @carol names dave's actor; dave's own WebFinger does not exist, so the
        // claim cannot be confirmed both ways.
        using var dave = RemoteAccount.Create(Remote, "dave");
        Remote.ServeStatus($"/.well-known/webfinger?resource={Uri.EscapeDataString($"acct:dave@{Remote.Host}")}", 404);
        var claim = JsonSerializer.Serialize(new { subject = $"acct:carol@{Remote.Host}", links = new[] { new { rel = "self", type = "application/activity+json", href = dave.Id } } });
        Remote.Serve($"/.well-known/webfinger?resource={Uri.EscapeDataString($"acct:carol@{Remote.Host}")}", claim, "application/jrd+json");

        var response = await Admin.PostAsJsonAsync("/api/admin/sources", new { type = "account", target = $"@carol@{Remote.Host}" });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains("does not confirm", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetString());
        Assert.Empty((await Admin.GetFromJsonAsync<JsonElement>("/api/admin/sources")).EnumerateArray());
    }

    [Fact]
    public async Task A_timeline_is_polled_through_the_Mastodon_REST_API()
    {
        var page = Payloads.Load("timeline-public.json", new Dictionary<string, string> { ["remote"] = Remote.BaseUrl });
        var headers = new Dictionary<string, string> { ["X-RateLimit-Limit"] = "300", ["X-RateLimit-Remaining"] = "299", ["X-RateLimit-Reset"] = DateTimeOffset.UtcNow.AddMinutes(5).ToString("o") };
        Remote.Serve("/api/v1/timelines/public?limit=40&local=true", page, "application/json; charset=utf-8", headers: headers);
        Remote.Serve("/api/v1/timelines/public?limit=40&local=true&min_id=113500000000000003", "[]", "application/json; charset=utf-8", headers: headers);

        var source = await AddSourceAsync(new { type = "timeline", target = Remote.BaseUrl, local = true });
        Assert.Equal("polling", source.GetProperty("state").GetString());
        var uri = $"{Remote.BaseUrl}/users/minbzk/statuses/113500000000000003";
        var post = await Eventually.GetAsync(() => GetPostAsync(uri), "the polled post");
        Assert.Equal($"{Remote.BaseUrl}/users/minbzk", post.GetProperty("author").GetString());
        Assert.Equal(["socialemedia"], post.GetProperty("hashtags").EnumerateArray().Select(h => h.GetString()));
        var second = await GetPostAsync($"{Remote.BaseUrl}/users/minbzk/statuses/113500000000000002");
        Assert.Equal("Verkiezingen", second!.Value.GetProperty("contentWarning").GetString());
        await Eventually.TrueAsync(async () =>
            (await Admin.GetFromJsonAsync<JsonElement>("/api/admin/sources"))[0].GetProperty("cursor").GetString() == "113500000000000003", "the cursor");
    }
}
