using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Middleware.Core.Ingest;
using Middleware.Core.Posts;

namespace Middleware.Server.Tests.Feeds.Interactions;

/// <summary>Every refusal of <c>POST /api/v1/feeds/{name}/interactions</c> says why and stores nothing.</summary>
public sealed class InteractionRefusalTests : InteractionFixture
{
    [Fact]
    public async Task An_unknown_item_is_400_naming_its_entry_and_nothing_of_the_batch_is_stored()
    {
        using var alice = await PersonAsync();

        var body = await JsonAsync(await SendAsync(alice, Entry(Post(1), "like"), Entry(Post(2), "seen"), Entry("https://a.example/notes/nowhere", "seen")),
            HttpStatusCode.BadRequest);

        Assert.Equal("interactions[2].item", body.GetProperty("field").GetString());
        Assert.Equal(2, body.GetProperty("index").GetInt32());
        Assert.Contains("https://a.example/notes/nowhere", body.GetProperty("error").GetString());
        Assert.Equal(0L, await StoredSignalsAsync());
    }

    [Fact]
    public async Task A_followers_only_post_is_answered_as_an_unknown_item()
    {
        using var alice = await PersonAsync();
        await Service.Services.GetRequiredService<IChangeWriter>().ApplyAsync([new UpsertPost(new Post
        {
            Uri = "https://a.example/notes/private", AuthorUri = Ann, Instance = "a.example", ContentText = "for followers",
            Published = DateTimeOffset.UtcNow, Visibility = Visibility.FollowersOnly,
        })], null);

        var body = await JsonAsync(await SendAsync(alice, Entry("https://a.example/notes/private", "seen")), HttpStatusCode.BadRequest);

        Assert.Equal("interactions[0].item", body.GetProperty("field").GetString());
        Assert.Equal(0L, await StoredSignalsAsync());
    }

    [Theory]
    [InlineData("""{"interactions":[{"item":"https://a.example/notes/p1","event":"like"},{"item":"https://a.example/notes/p2","event":"love"}]}""", "interactions[1].event")]
    [InlineData("""{"interactions":[{"item":"https://a.example/notes/p1","event":"agree"}]}""", "interactions[0].event")]
    [InlineData("""{"interactions":[{"item":"https://a.example/notes/p1"}]}""", "interactions[0].event")]
    [InlineData("""{"interactions":[{"event":"like"}]}""", "interactions[0].item")]
    [InlineData("""{"interactions":[{"item":"","event":"like"}]}""", "interactions[0].item")]
    [InlineData("""{"interactions":[{"item":7,"event":"like"}]}""", "interactions[0].item")]
    [InlineData("""{"interactions":[{"item":"https://a.example/notes/p1","event":"like","feedContext":5}]}""", "interactions[0].feedContext")]
    [InlineData("""{"interactions":[{"item":"https://a.example/notes/p1","event":"like","reqId":["x"]}]}""", "interactions[0].reqId")]
    [InlineData("""{"interactions":["https://a.example/notes/p1"]}""", "interactions[0]")]
    [InlineData("""{"interactions":{}}""", "interactions")]
    [InlineData("""{}""", "interactions")]
    [InlineData("""[]""", "body")]
    [InlineData("""{"interactions":[{"item":"https://a.example/notes/p1","event":"like"}""", "body")]
    [InlineData("""not json""", "body")]
    [InlineData("", "body")]
    public async Task A_bad_body_is_400_naming_the_field_and_stores_nothing(string json, string field)
    {
        using var alice = await PersonAsync();

        var body = await JsonAsync(await SendRawAsync(alice, json), HttpStatusCode.BadRequest);

        Assert.Equal(field, body.GetProperty("field").GetString());
        Assert.StartsWith(field + ": ", body.GetProperty("error").GetString());
        Assert.Equal(0L, await StoredSignalsAsync());
    }

    [Fact]
    public async Task A_feedContext_longer_than_256_characters_is_refused()
    {
        using var alice = await PersonAsync();

        var body = await JsonAsync(await SendAsync(alice, Entry(Post(1), "like", feedContext: new string('x', 257))), HttpStatusCode.BadRequest);

        Assert.Equal("interactions[0].feedContext", body.GetProperty("field").GetString());
    }

    [Theory]
    [InlineData("/api/v1/feeds/nothing/interactions")]
    [InlineData("/api/v1/feeds/hidden/interactions")]
    public async Task An_unknown_or_private_feed_is_404(string path)
    {
        using var alice = await PersonAsync();

        var body = await JsonAsync(await SendRawAsync(alice, $$"""{"interactions":[{"item":"{{Post(1)}}","event":"like"}]}""", path), HttpStatusCode.NotFound);

        Assert.Contains("no public feed", body.GetProperty("error").GetString());
        Assert.Equal(0L, await StoredSignalsAsync());
    }

    [Fact]
    public async Task Without_a_valid_token_it_is_401_as_Mastodon_answers()
    {
        using var revoked = ClientWithToken("not-a-token");
        foreach (var client in new[] { Client, revoked })
        {
            var body = await JsonAsync(await SendAsync(client, Entry(Post(1), "like")), HttpStatusCode.Unauthorized);
            Assert.Equal("The access token is invalid", body.GetProperty("error").GetString());
        }
        Assert.Equal(0L, await StoredSignalsAsync());
    }

    [Fact]
    public async Task A_person_who_did_not_opt_in_gets_403_saying_how_to_opt_in()
    {
        using var alice = await PersonAsync(optedIn: false);

        var body = await JsonAsync(await SendAsync(alice, Entry(Post(1), "like")), HttpStatusCode.Forbidden);

        Assert.Contains("recordInteractions", body.GetProperty("error").GetString());
        Assert.Contains("PUT /api/v1/preferences/ranking", body.GetProperty("error").GetString());
        Assert.Equal(0L, await StoredSignalsAsync());
    }

    [Fact]
    public async Task A_token_without_a_write_scope_is_403()
    {
        var (id, secret) = await RegisterAppAsync(scopes: "read");
        var token = (await (await ExchangeAsync(id, secret, await AuthorizeAsync(id, scope: "read"))).Content.ReadFromJsonAsync<JsonElement>())
            .GetProperty("access_token").GetString()!;
        using var reader = ClientWithToken(token);

        var body = await JsonAsync(await SendAsync(reader, Entry(Post(1), "like")), HttpStatusCode.Forbidden);

        Assert.Equal("This action is outside the authorized scopes", body.GetProperty("error").GetString());
    }

    [Fact]
    public async Task More_than_100_entries_is_413_and_stores_nothing()
    {
        using var alice = await PersonAsync();
        var entries = Enumerable.Range(0, 101).Select(i => Entry(Post(i % 5 + 1), "seen")).ToArray();

        await JsonAsync(await SendAsync(alice, entries), HttpStatusCode.RequestEntityTooLarge);

        Assert.Equal(0L, await StoredSignalsAsync());
        await JsonAsync(await SendAsync(alice, entries[..100]), HttpStatusCode.OK);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_body_over_64_KB_is_413_whether_its_length_is_declared_or_not(bool declared)
    {
        using var alice = await PersonAsync();
        var json = $$"""{"interactions":[{"item":"{{Post(1)}}","event":"like","padding":"{{new string('x', 64 * 1024)}}"}]}""";
        HttpContent content = declared
            ? new StringContent(json, Encoding.UTF8, "application/json")
            : new StreamContent(new NoLengthStream(Encoding.UTF8.GetBytes(json)));

        var response = await alice.PostAsync(Interactions, content);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal(0L, await StoredSignalsAsync());
    }

    [Fact]
    public async Task A_declared_length_over_64_KB_is_refused_before_the_token_is_looked_at()
    {
        var json = $$"""{"interactions":[],"padding":"{{new string('x', 64 * 1024)}}"}""";

        var response = await Client.PostAsync(Interactions, new StringContent(json, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    /// <summary>A body whose length is not known in advance (sent chunked).</summary>
    private sealed class NoLengthStream(byte[] bytes) : MemoryStream(bytes)
    {
        public override bool CanSeek => false;
    }
}
