using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Dapper;
using Middleware.Server.Tests.Infrastructure;

namespace Middleware.Server.Tests.Inbox;

/// <summary>Bad input gets a clear 4xx and changes nothing that was stored before.</summary>
public sealed class InboxRefusalTests : ServiceFixture
{
    private RemoteAccount _alice = null!;
    private string _storedUri = null!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        _alice = RemoteAccount.Create(Remote, "alice");
        var json = Payloads.Load("create-note.json", _alice.Values(("status", "500")));
        Assert.Equal(HttpStatusCode.Accepted, (await PostAsync(_alice, "/inbox", json)).StatusCode);
        _storedUri = $"{_alice.Id}/statuses/500";
        await Eventually.GetAsync(() => GetPostAsync(_storedUri), "the stored post");
    }

    /// <summary>After a refusal, the post stored before is unchanged and nothing new was stored.</summary>
    private async Task AssertNothingChangedAsync()
    {
        await DrainInboxAsync();
        var stats = await StatsAsync();
        Assert.Equal(1, stats.GetProperty("posts").GetInt64());
        Assert.Equal(1, stats.GetProperty("inboxDone").GetInt64());
        Assert.Equal(0, stats.GetProperty("inboxRejected").GetInt64());
        var post = await GetPostAsync(_storedUri);
        Assert.StartsWith("Maatregelen", post!.Value.GetProperty("text").GetString());
    }

    private static async Task<string> ErrorOf(HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetString()!;

    private string Activity(string status) => Payloads.Load("create-note.json", _alice.Values(("status", status)));

    [Fact]
    public async Task Unsigned_post_gets_401()
    {
        var content = new StringContent(Activity("501"), Encoding.UTF8, "application/activity+json");
        var response = await Client.PostAsync("/inbox", content);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("Request not signed", await ErrorOf(response));
        await AssertNothingChangedAsync();
    }

    [Fact]
    public async Task Post_signed_with_the_wrong_key_gets_401()
    {
        using var other = RSA.Create(2048);
        var response = await Client.SendAsync(_alice.SignedPost("/inbox", Activity("502"), signWith: other));
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        await AssertNothingChangedAsync();
    }

    [Fact]
    public async Task Body_changed_after_signing_gets_401()
    {
        var request = _alice.SignedPost("/inbox", Activity("503"));
        var tampered = Activity("503").Replace("Maatregelen", "Gewijzigd");
        request.Content = new ByteArrayContent(Encoding.UTF8.GetBytes(tampered));
        request.Content.Headers.TryAddWithoutValidation("Content-Type", "application/activity+json");
        var response = await Client.SendAsync(request);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("Digest", await ErrorOf(response), StringComparison.OrdinalIgnoreCase);
        await AssertNothingChangedAsync();
    }

    [Fact]
    public async Task Request_dated_two_hours_ahead_gets_401()
    {
        var response = await Client.SendAsync(_alice.SignedPost("/inbox", Activity("504"), at: DateTimeOffset.UtcNow.AddHours(2)));
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        await AssertNothingChangedAsync();
    }

    [Fact]
    public async Task Malformed_json_gets_400()
    {
        var response = await PostAsync(_alice, "/inbox", "{\"id\": \"https://x.example/1\", ");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("not valid JSON", await ErrorOf(response));
        await AssertNothingChangedAsync();
    }

    [Fact]
    public async Task Deeply_nested_json_gets_400()
    {
        var nested = new StringBuilder("{\"type\":\"Create\",\"id\":\"" + _alice.Id + "/x\",\"actor\":\"" + _alice.Id + "\",\"object\":");
        for (var i = 0; i < 100; i++)
            nested.Append("{\"a\":");
        nested.Append("1").Append('}', 100).Append('}');
        var response = await PostAsync(_alice, "/inbox", nested.ToString());
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        await AssertNothingChangedAsync();
    }

    [Fact]
    public async Task Body_over_the_limit_gets_413()
    {
        var huge = "{\"type\":\"Create\",\"id\":\"" + _alice.Id + "/big\",\"actor\":\"" + _alice.Id + "\",\"object\":\"" + new string('x', 1_100_000) + "\"}";
        var response = await PostAsync(_alice, "/inbox", huge);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        await AssertNothingChangedAsync();
    }

    [Fact]
    public async Task Wrong_content_type_gets_415()
    {
        var request = _alice.SignedPost("/inbox", Activity("505"));
        request.Content!.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("text/plain");
        var response = await Client.SendAsync(request);
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        await AssertNothingChangedAsync();
    }

    [Theory]
    [InlineData("id", "The activity has no 'id'.")]
    [InlineData("actor", "The activity has no 'actor'.")]
    [InlineData("type", "The activity has no 'type'.")]
    public async Task Missing_required_field_gets_400(string field, string error)
    {
        var node = System.Text.Json.Nodes.JsonNode.Parse(Activity("506"))!.AsObject();
        node.Remove(field);
        var response = await PostAsync(_alice, "/inbox", node.ToJsonString());
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(error, await ErrorOf(response));
        await AssertNothingChangedAsync();
    }

    [Fact]
    public async Task Non_http_id_gets_400()
    {
        var node = System.Text.Json.Nodes.JsonNode.Parse(Activity("507"))!.AsObject();
        node["id"] = "urn:uuid:8b2b0a6e-1111-2222-3333-444455556666";
        var response = await PostAsync(_alice, "/inbox", node.ToJsonString());
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        await AssertNothingChangedAsync();
    }

    [Fact]
    public async Task Unknown_activity_type_gets_400()
    {
        var node = System.Text.Json.Nodes.JsonNode.Parse(Activity("508"))!.AsObject();
        node["type"] = "Banana";
        var response = await PostAsync(_alice, "/inbox", node.ToJsonString());
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("Banana", await ErrorOf(response));
        await AssertNothingChangedAsync();
    }

    [Fact]
    public async Task Activity_about_an_unknown_object_is_accepted_and_ignored()
    {
        var like = Payloads.Load("like.json", _alice.Values(("like", "77"), ("object", $"{_alice.Id}/statuses/never-seen")));
        Assert.Equal(HttpStatusCode.Accepted, (await PostAsync(_alice, "/inbox", like)).StatusCode);
        // Looked at again twice (its Create might come late), then dropped: the waits are skipped by
        // making each retry due at once.
        for (var attempts = 1; attempts <= 2; attempts++)
            await RetryNowAfterAsync(attempts);
        await DrainInboxAsync();
        var stats = await StatsAsync();
        Assert.Equal(0, stats.GetProperty("interactions").GetInt64());
        Assert.Equal(1, stats.GetProperty("posts").GetInt64());
    }

    /// <summary>Waits until the pending entry has been tried <paramref name="attempts"/> times, then
    /// makes its next try due now, as if its retry delay had passed.</summary>
    private async Task RetryNowAfterAsync(int attempts)
    {
        await Eventually.TrueAsync(async () =>
        {
            await using var db = await Service.OpenDatabaseAsync();
            return await db.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM inbox WHERE state = 'pending' AND attempts = @attempts", new { attempts }) == 1;
        }, $"the entry to be deferred after try {attempts}");
        await using var connection = await Service.OpenDatabaseAsync();
        await connection.ExecuteAsync("UPDATE inbox SET next_attempt_at = 0 WHERE state = 'pending'");
    }

    [Fact]
    public async Task Unhandled_activity_type_is_stored_and_ignored()
    {
        var flag = JsonSerializer.Serialize(new { id = $"{_alice.Id}#flags/1", type = "Flag", actor = _alice.Id, @object = _storedUri });
        Assert.Equal(HttpStatusCode.Accepted, (await PostAsync(_alice, "/inbox", flag)).StatusCode);
        await DrainInboxAsync();
        Assert.Equal(2, (await StatsAsync()).GetProperty("inboxDone").GetInt64());
    }

    [Fact]
    public async Task Inbox_of_an_unknown_actor_gets_404()
    {
        var response = await PostAsync(_alice, "/users/nobody/inbox", Activity("509"));
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        await AssertNothingChangedAsync();
    }
}
