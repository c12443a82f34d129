using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Middleware.Server.Feeds.Open;

namespace Middleware.Server.Tests.Feeds.Interactions;

/// <summary><c>POST /api/v1/feeds/{name}/interactions</c> for a signed-in person who opted in.</summary>
public sealed class FeedInteractionTests : InteractionFixture
{
    [Fact]
    public async Task Each_interaction_is_stored_once_under_the_tokens_person_and_a_replayed_batch_is_no_change()
    {
        using var alice = await PersonAsync();
        object[] batch =
        [
            Entry(Post(1), "requestMore"), Entry(Post(2), "app.bsky.feed.defs#requestLess"),
            Entry(Post(3), "app.bsky.feed.defs#interactionSeen"), Entry(Post(3), "seen"),
        ];

        var first = await JsonAsync(await SendAsync(alice, batch), HttpStatusCode.OK);
        var replay = await JsonAsync(await SendAsync(alice, batch), HttpStatusCode.OK);

        Assert.Equal((3, 1), (first.GetProperty("stored").GetInt32(), first.GetProperty("repeated").GetInt32()));
        Assert.Equal((0, 4), (replay.GetProperty("stored").GetInt32(), replay.GetProperty("repeated").GetInt32()));
        Assert.Equal(3L, await StoredSignalsAsync());
        Assert.Equal($"{Alice} news", await ScalarAsync("SELECT DISTINCT person_uri || ' ' || feed FROM person_signals"));
        Assert.Equal(["request_less", "request_more", "seen"],
            await ColumnAsync("SELECT event FROM person_signals ORDER BY event"));
    }

    [Theory]
    [InlineData("requestMore", "request_more")]
    [InlineData("like", "like")]
    [InlineData("boost", "boost")]
    [InlineData("reply", "reply")]
    [InlineData("clickthrough", "clickthrough")]
    [InlineData("app.bsky.feed.defs#interactionLike", "like")]
    [InlineData("app.bsky.feed.defs#interactionRepost", "boost")]
    [InlineData("app.bsky.feed.defs#interactionReply", "reply")]
    [InlineData("app.bsky.feed.defs#interactionQuote", "reply")]
    [InlineData("app.bsky.feed.defs#clickthroughItem", "clickthrough")]
    [InlineData("app.bsky.feed.defs#clickthroughAuthor", "clickthrough")]
    public async Task Our_event_names_and_Blueskys_are_taken(string name, string stored)
    {
        using var alice = await PersonAsync();

        await JsonAsync(await SendAsync(alice, Entry(Post(1), name)), HttpStatusCode.OK);

        Assert.Equal(stored, await ScalarAsync("SELECT event FROM person_signals"));
    }

    [Fact]
    public async Task The_skeletons_feedContext_and_reqId_come_back_and_are_stored()
    {
        using var alice = await PersonAsync();
        var page = await alice.GetFromJsonAsync<JsonElement>("/api/v1/feeds/news/skeleton?limit=2");
        var second = page.GetProperty("feed")[1];
        var (context, reqId) = (second.GetProperty("feedContext").GetString()!, page.GetProperty("reqId").GetString()!);

        await JsonAsync(await SendAsync(alice, Entry(second.GetProperty("post").GetString()!, "like", context, reqId)), HttpStatusCode.OK);

        Assert.Equal($"{context} {reqId}", await ScalarAsync("SELECT feed_context || ' ' || request_id FROM person_signals"));
        Assert.Equal(1, FeedContext.Decode(context)!.Value.Position);
    }

    [Fact]
    public async Task A_person_named_in_the_body_is_ignored_the_token_decides_who_writes()
    {
        using var alice = await PersonAsync();
        const string victim = "https://victim.example/users/bob";
        var body = $$"""
            {"actor":"{{victim}}","person":"{{victim}}","did":"{{victim}}",
             "interactions":[{"item":"{{Post(1)}}","event":"requestLess","actor":"{{victim}}","person":"{{victim}}","$type":"app.bsky.feed.defs#interaction"}]}
            """;

        await JsonAsync(await SendRawAsync(alice, body), HttpStatusCode.OK);

        Assert.Equal(Alice, await ScalarAsync("SELECT person_uri FROM person_signals"));
        Assert.Equal(0L, await ScalarAsync($"SELECT COUNT(*) FROM person_signals WHERE person_uri = '{victim}'"));
    }

    [Fact]
    public async Task Signals_given_here_reach_the_feeds_candidate_features()
    {
        using var alice = await PersonAsync();

        await JsonAsync(await SendAsync(alice, Entry(Post(1), "requestLess")), HttpStatusCode.OK);

        using var admin = Service.CreateAdminClient();
        var ranked = await (await admin.PostAsJsonAsync("/api/admin/rank", new { ranker = "recipe", limit = 5,
            parameters = new { recipe = new { weights = new { disagreements = -10 } } } })).Content.ReadFromJsonAsync<JsonElement>();
        var last = ranked.GetProperty("items").EnumerateArray().Last();
        Assert.Equal(Post(1), last.GetProperty("post").GetString());
    }

    [Fact]
    public async Task Preflights_from_any_origin_are_answered()
    {
        foreach (var (path, method) in new[] { (Interactions, "POST"), (Signals, "GET"), (Signals, "DELETE") })
        {
            using var preflight = new HttpRequestMessage(HttpMethod.Options, path);
            preflight.Headers.Add("Origin", "https://app.example");
            preflight.Headers.Add("Access-Control-Request-Method", method);
            preflight.Headers.Add("Access-Control-Request-Headers", "authorization, content-type");

            var response = await Client.SendAsync(preflight);

            Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
            Assert.Equal("*", response.Headers.GetValues("Access-Control-Allow-Origin").Single());
            Assert.Contains(method, string.Join(",", response.Headers.GetValues("Access-Control-Allow-Methods")));
        }
    }
}
