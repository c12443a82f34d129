using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Middleware.Server.Tests.Infrastructure;
using Http = Microsoft.AspNetCore.Http;

namespace Middleware.Server.Tests.ClientApi;

public sealed class PassThroughTests : ClientApiFixture
{
    private const string Notifications = """[{"id":"34975861","type":"mention","created_at":"2019-11-23T07:49:02.064Z","account":{"id":"971724"}}]""";

    [Fact]
    public async Task Other_calls_reach_the_home_instance_with_the_upstream_token_and_come_back_unchanged()
    {
        Remote.Route("/api/v1/notifications", context => MastodonStandIn.Authorized(context, async () =>
        {
            context.Response.Headers["Link"] = $"<{Remote.BaseUrl}/api/v1/notifications?max_id=34975861>; rel=\"next\"";
            context.Response.Headers["X-RateLimit-Remaining"] = "299";
            context.Response.ContentType = "application/json; charset=utf-8";
            await Http.HttpResponseWritingExtensions.WriteAsync(context.Response, Notifications);
        }));
        using var app = ClientWithToken(await LoginAsync());

        var response = await app.GetAsync("/api/v1/notifications?limit=5&types[]=mention");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(Notifications, await response.Content.ReadAsStringAsync());
        Assert.Equal($"<{MiddlewareFactory.PublicUrl}/api/v1/notifications?max_id=34975861>; rel=\"next\"", response.Headers.GetValues("Link").Single());
        Assert.Equal("299", response.Headers.GetValues("X-RateLimit-Remaining").Single());
        var forwarded = Remote.Received.Last(r => r.Path == "/api/v1/notifications");
        Assert.Equal("/api/v1/notifications?limit=5&types[]=mention", Uri.UnescapeDataString(forwarded.PathAndQuery));
    }

    [Fact]
    public async Task A_post_keeps_its_body_and_headers_and_an_error_answer_passes_unchanged()
    {
        const string refusal = """{"error":"Validation failed: Text can't be blank"}""";
        Remote.Route("/api/v1/statuses", context => MastodonStandIn.Authorized(context, async () =>
        {
            context.Response.StatusCode = 422;
            context.Response.ContentType = "application/json";
            await Http.HttpResponseWritingExtensions.WriteAsync(context.Response, refusal);
        }));
        using var app = ClientWithToken(await LoginAsync());
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/statuses")
        {
            Content = new StringContent("""{"status":""}""", Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("Idempotency-Key", "abc-123");

        var response = await app.SendAsync(request);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal(refusal, await response.Content.ReadAsStringAsync());
        var forwarded = Remote.Received.Last(r => r.Path == "/api/v1/statuses");
        Assert.Equal("""{"status":""}""", forwarded.Body);
        Assert.Equal("abc-123", forwarded.Headers["Idempotency-Key"]);
        Assert.StartsWith("application/json", forwarded.Headers["Content-Type"]);
    }

    [Fact]
    public async Task Pass_through_needs_a_user_token()
    {
        using var nobody = ClientWithToken("nope");
        Assert.Equal(HttpStatusCode.Unauthorized, (await nobody.GetAsync("/api/v1/notifications")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Client.GetAsync("/api/v2/search?q=x")).StatusCode);
    }

    [Fact]
    public async Task Favourites_boosts_and_replies_are_recorded_only_for_people_who_opted_in_and_only_public_ones()
    {
        var status = StandInTimeline.Status(Remote.BaseUrl, "77", DateTimeOffset.UtcNow, 3);
        var secret = StandInTimeline.Status(Remote.BaseUrl, "78", DateTimeOffset.UtcNow, 0);
        secret["visibility"] = "private";
        Remote.Route("/api/v1/statuses/77/favourite", c => MastodonStandIn.Authorized(c, () => MastodonStandIn.Json(c, status)));
        Remote.Route("/api/v1/statuses/78/favourite", c => MastodonStandIn.Authorized(c, () => MastodonStandIn.Json(c, secret)));
        Remote.Route("/api/v1/statuses/77", c => MastodonStandIn.Authorized(c, () => MastodonStandIn.Json(c, status)));
        var boost = StandInTimeline.Status(Remote.BaseUrl, "90", DateTimeOffset.UtcNow, 0, author: "alice");
        boost["reblog"] = status;
        Remote.Route("/api/v1/statuses/77/reblog", c => MastodonStandIn.Authorized(c, () => MastodonStandIn.Json(c, boost)));
        var reply = StandInTimeline.Status(Remote.BaseUrl, "91", DateTimeOffset.UtcNow, 0, author: "alice");
        reply["in_reply_to_id"] = "77";
        Remote.Route("/api/v1/statuses", c => MastodonStandIn.Authorized(c, () => MastodonStandIn.Json(c, reply)));
        using var app = ClientWithToken(await LoginAsync());

        Assert.Equal(HttpStatusCode.OK, (await app.PostAsync("/api/v1/statuses/77/favourite", null)).StatusCode);
        Assert.Equal(0L, await ScalarAsync("SELECT COUNT(*) FROM interactions"));
        Assert.Equal(0L, await ScalarAsync("SELECT COUNT(*) FROM posts"));

        await app.PutAsJsonAsync("/api/v1/preferences/ranking", new { recordInteractions = true });
        await app.PostAsync("/api/v1/statuses/77/favourite", null);
        await app.PostAsync("/api/v1/statuses/78/favourite", null);
        await app.PostAsync("/api/v1/statuses/77/reblog", null);
        await app.PostAsync("/api/v1/statuses", new StringContent("""{"status":"yes","in_reply_to_id":"77"}""", Encoding.UTF8, "application/json"));

        var actor = $"{Remote.BaseUrl}/users/alice";
        Assert.Equal(["boost", "favourite", "reply"], await ColumnAsync(
            $"SELECT kind FROM interactions WHERE actor_uri = '{actor}' AND post_uri = '{status["uri"]}' ORDER BY kind"));
        Assert.Equal(0L, await ScalarAsync($"SELECT COUNT(*) FROM posts WHERE uri = '{secret["uri"]}'"));
        Assert.Equal(1L, await ScalarAsync("SELECT COUNT(*) FROM posts"));
    }

    [Fact]
    public async Task A_home_instance_is_not_believed_about_other_servers_posts_nor_about_the_future()
    {
        // The stored post of another server, and a home instance's version of it with other content and a far-future edit.
        const string elsewhere = "https://elsewhere.example/users/eve/statuses/5";
        using (var admin = Service.CreateAdminClient())
        {
            var stored = JsonSerializer.Serialize(new
            {
                type = "post", uri = elsewhere, author = "https://elsewhere.example/users/eve", text = "the real words",
                published = DateTimeOffset.UtcNow.AddMinutes(-5).ToString("O"),
            });
            Assert.Equal(HttpStatusCode.OK, (await Ranking.ImportTests.ImportAsync(admin, stored)).StatusCode);
        }
        var forged = StandInTimeline.Status(Remote.BaseUrl, "55", DateTimeOffset.UtcNow, 0);
        forged["uri"] = elsewhere;
        forged["content"] = "<p>forged words</p>";
        forged["edited_at"] = "2099-01-01T00:00:00.000Z";
        forged["account"] = new Dictionary<string, object?> { ["id"] = "9", ["username"] = "eve", ["acct"] = "eve@elsewhere.example", ["uri"] = "https://elsewhere.example/users/eve" };
        var unknown = StandInTimeline.Status(Remote.BaseUrl, "56", DateTimeOffset.UtcNow, 0);
        unknown["uri"] = "https://elsewhere.example/users/eve/statuses/6";
        unknown["account"] = forged["account"];
        var future = StandInTimeline.Status(Remote.BaseUrl, "57", DateTimeOffset.UtcNow.AddYears(5), 0);
        Remote.Route("/api/v1/statuses/55/favourite", c => MastodonStandIn.Authorized(c, () => MastodonStandIn.Json(c, forged)));
        Remote.Route("/api/v1/statuses/56/favourite", c => MastodonStandIn.Authorized(c, () => MastodonStandIn.Json(c, unknown)));
        Remote.Route("/api/v1/statuses/57/favourite", c => MastodonStandIn.Authorized(c, () => MastodonStandIn.Json(c, future)));
        using var app = ClientWithToken(await LoginAsync());
        await app.PutAsJsonAsync("/api/v1/preferences/ranking", new { recordInteractions = true });

        Assert.Equal(HttpStatusCode.OK, (await app.PostAsync("/api/v1/statuses/55/favourite", null)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await app.PostAsync("/api/v1/statuses/56/favourite", null)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await app.PostAsync("/api/v1/statuses/57/favourite", null)).StatusCode);

        Assert.Equal("the real words", await ScalarAsync($"SELECT content_text FROM posts WHERE uri = '{elsewhere}'"));
        Assert.Equal(1L, await ScalarAsync($"SELECT COUNT(*) FROM interactions WHERE post_uri = '{elsewhere}'")); // the favourite counts
        Assert.Equal(0L, await ScalarAsync($"SELECT COUNT(*) FROM posts WHERE uri = '{unknown["uri"]}'"));
        var published = (long)(await ScalarAsync($"SELECT published_at FROM posts WHERE uri = '{future["uri"]}'"))!;
        Assert.True(DateTimeOffset.FromUnixTimeMilliseconds(published) <= DateTimeOffset.UtcNow, "a post dated in the future was stored as such");
    }

    [Theory]
    [InlineData("GET")]
    [InlineData("POST")]
    public async Task A_redirect_of_the_home_instance_goes_back_to_the_app_pointed_at_the_service(string method)
    {
        Remote.Route("/api/v1/moved", context =>
        {
            context.Response.StatusCode = 301;
            context.Response.Headers.Location = $"{Remote.BaseUrl}/api/v1/elsewhere?x=1";
            return Task.CompletedTask;
        });
        Remote.Route("/api/v1/away", context =>
        {
            context.Response.StatusCode = 302;
            context.Response.Headers.Location = "https://cdn.example/file.png";
            return Task.CompletedTask;
        });
        using var app = ClientWithToken(await LoginAsync());

        var moved = await app.SendAsync(new HttpRequestMessage(new HttpMethod(method), "/api/v1/moved"));
        var away = await app.SendAsync(new HttpRequestMessage(new HttpMethod(method), "/api/v1/away"));

        Assert.Equal(HttpStatusCode.MovedPermanently, moved.StatusCode);
        Assert.Equal($"{MiddlewareFactory.PublicUrl}/api/v1/elsewhere?x=1", moved.Headers.Location!.AbsoluteUri);
        Assert.Equal(HttpStatusCode.Found, away.StatusCode);
        Assert.Equal("https://cdn.example/file.png", away.Headers.Location!.AbsoluteUri);
        Assert.DoesNotContain(Remote.Received, r => r.Path == "/api/v1/elsewhere");
    }

    [Fact]
    public async Task The_instance_describes_the_service_in_Mastodon_shapes()
    {
        var v1 = await Client.GetFromJsonAsync<JsonElement>("/api/v1/instance");
        Assert.StartsWith("4.3.0 (compatible; Middleware", v1.GetProperty("version").GetString());
        Assert.Equal(500, v1.GetProperty("configuration").GetProperty("statuses").GetProperty("max_characters").GetInt32());
        var v2 = await Client.GetFromJsonAsync<JsonElement>("/api/v2/instance");
        Assert.Equal("localhost", v2.GetProperty("domain").GetString());
        Assert.False(v2.GetProperty("registrations").GetProperty("enabled").GetBoolean());
    }
}
