using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Middleware.Core.Feeds;
using Middleware.Core.Ingest;
using Middleware.Server.Tests.ClientApi;
using Middleware.Server.Tests.Infrastructure;
using Middleware.Server.Tests.Ranking;

namespace Middleware.Server.Tests.Feeds;

/// <summary>The open feed API with a client API token: ranked for that viewer. alice (at the stand-in
/// instance) follows ben; the feed's recipe weighs only <c>viewerFollowsAuthor</c>, so for everyone
/// else it is newest first (ann's posts), and for alice, once her follows are read, ben's come first.</summary>
public sealed class OpenFeedViewerTests : ClientApiFixture
{
    private const string Ann = "https://a.example/users/ann";
    private const string Ben = "https://b.example/users/ben";
    private const string Skeleton = "/api/v1/feeds/mine/skeleton";

    private static readonly string[] Newest = ["a1", "a2", "a3", "b1", "b2"];
    private static readonly string[] BenFirst = ["b1", "b2", "a1", "a2", "a3"];

    private HttpClient Anonymous => Client;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await Service.Services.GetRequiredService<IChangeWriter>().ApplyAsync(
            [new RecordAuthorConsent(Ann, true, true), new RecordAuthorConsent(Ben, true, true)], null);
        using var admin = Service.CreateAdminClient();
        var import = await ImportTests.ImportAsync(admin,
            OpenFeedFixture.PostLine("a1", 1, author: Ann), OpenFeedFixture.PostLine("a2", 2, author: Ann),
            OpenFeedFixture.PostLine("a3", 3, author: Ann), OpenFeedFixture.PostLine("b1", 10, author: Ben),
            OpenFeedFixture.PostLine("b2", 11, author: Ben));
        Assert.Equal(HttpStatusCode.OK, import.StatusCode);
        Assert.True(await Service.Services.GetRequiredService<IFeedStore>().AddAsync(new Feed
        {
            Name = "mine", DisplayName = "Mine", Description = "Who you follow first", Ranker = "recipe",
            ParametersJson = """{"recipe":{"weights":{"viewerFollowsAuthor":10}}}""", Public = true,
            CreatedAt = DateTimeOffset.UtcNow, UpdatedAt = DateTimeOffset.UtcNow,
        }));
        StandInFollowing.Serve(Home, [Ben]);
    }

    /// <summary>alice's client, opted in to recording and with her follows read.</summary>
    private async Task<HttpClient> OptedInAsync()
    {
        var app = ClientWithToken(await LoginAsync());
        Assert.Equal(HttpStatusCode.OK, (await app.PutAsJsonAsync("/api/v1/preferences/ranking", new { recordInteractions = true })).StatusCode);
        await Eventually.TrueAsync(async () => await ScalarAsync("SELECT COUNT(*) FROM account_follows") is 1L, "alice's follows");
        return app;
    }

    private static async Task<JsonElement> GetJsonAsync(HttpClient client, string path, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var response = await client.GetAsync(path);
        Assert.True(expected == response.StatusCode, await response.Content.ReadAsStringAsync());
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private static string[] Posts(JsonElement page) => OpenFeedFixture.Posts(page);

    private static string Cursor(JsonElement page) => OpenFeedFixture.Cursor(page)!;

    private Task<object?> ImpressionsAsync() => ScalarAsync("SELECT COUNT(*) FROM impressions");

    [Fact]
    public async Task A_viewer_who_follows_an_author_gets_that_author_first_and_anonymous_readers_do_not()
    {
        using var alice = await OptedInAsync();

        Assert.Equal(Newest, Posts(await GetJsonAsync(Anonymous, Skeleton)));
        Assert.Equal(BenFirst, Posts(await GetJsonAsync(alice, Skeleton)));
        // The shared snapshot is not the viewer's.
        Assert.Equal(Newest, Posts(await GetJsonAsync(Anonymous, Skeleton)));
    }

    [Fact]
    public async Task Explain_with_a_viewer_explains_the_viewers_ranking()
    {
        using var alice = await OptedInAsync();
        var explain = $"/api/v1/feeds/mine/explain?post={Uri.EscapeDataString(OpenFeedFixture.Uri("b1"))}";

        Assert.Equal(1, (await GetJsonAsync(alice, explain)).GetProperty("position").GetInt32());
        Assert.Equal(4, (await GetJsonAsync(Anonymous, explain)).GetProperty("position").GetInt32());
    }

    [Fact]
    public async Task A_viewers_cursor_pages_for_that_viewer_only()
    {
        using var alice = await OptedInAsync();
        var viewerCursor = Cursor(await GetJsonAsync(alice, $"{Skeleton}?limit=2"));
        var anonymousCursor = Cursor(await GetJsonAsync(Anonymous, $"{Skeleton}?limit=2"));

        Assert.Equal(["a1", "a2"], Posts(await GetJsonAsync(alice, $"{Skeleton}?limit=2&cursor={viewerCursor}")));
        var refused = await GetJsonAsync(Anonymous, $"{Skeleton}?limit=2&cursor={viewerCursor}", HttpStatusCode.BadRequest);
        Assert.Equal("cursor", refused.GetProperty("field").GetString());
        Assert.Equal("cursor", (await GetJsonAsync(alice, $"{Skeleton}?cursor={anonymousCursor}", HttpStatusCode.BadRequest)).GetProperty("field").GetString());
        Assert.Equal(["a3", "b1"], Posts(await GetJsonAsync(Anonymous, $"{Skeleton}?limit=2&cursor={anonymousCursor}")));
    }

    [Theory]
    [InlineData("/api/v1/feeds/mine/skeleton")]
    [InlineData("/api/v1/feeds/mine/explain?post=https%3A%2F%2Fa.example%2Fnotes%2Fa1")]
    public async Task An_unknown_or_revoked_token_is_401_not_an_anonymous_answer(string path)
    {
        var (id, secret) = await RegisterAppAsync();
        var token = (await (await ExchangeAsync(id, secret, await AuthorizeAsync(id))).Content.ReadFromJsonAsync<JsonElement>())
            .GetProperty("access_token").GetString()!;
        var revoke = await Client.PostAsync("/oauth/revoke", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["client_id"] = id, ["client_secret"] = secret, ["token"] = token,
        }));
        Assert.Equal(HttpStatusCode.OK, revoke.StatusCode);

        foreach (var bad in new[] { token, "not-a-token" })
        {
            using var client = ClientWithToken(bad);
            var body = await GetJsonAsync(client, path, HttpStatusCode.Unauthorized);
            Assert.Equal("The access token is invalid", body.GetProperty("error").GetString());
        }
    }

    [Fact]
    public async Task An_opted_in_viewer_has_the_served_page_recorded_as_impressions_in_the_feed()
    {
        using var alice = await OptedInAsync();

        await GetJsonAsync(alice, $"{Skeleton}?limit=2");

        Assert.Equal(2L, await ImpressionsAsync());
        Assert.Equal(["b1", "b2"], await ColumnAsync("SELECT substr(post_uri, 25) FROM impressions ORDER BY post_uri"));
        Assert.Equal($"mine {Remote.BaseUrl}/users/alice", await ScalarAsync("SELECT DISTINCT feed || ' ' || viewer_uri FROM impressions"));
    }

    [Fact]
    public async Task Nothing_is_recorded_for_anonymous_readers_or_viewers_who_did_not_opt_in()
    {
        using var alice = ClientWithToken(await LoginAsync());

        Assert.Equal(Newest, Posts(await GetJsonAsync(alice, Skeleton)));
        await GetJsonAsync(Anonymous, Skeleton);

        Assert.Equal(0L, await ImpressionsAsync());
        Assert.Equal(0L, await ScalarAsync("SELECT COUNT(*) FROM account_follows"));
        Assert.DoesNotContain(Remote.Received, r => r.Path == StandInFollowing.Path);
    }

    [Fact]
    public async Task A_person_who_did_not_opt_in_reads_the_shared_ranking_and_its_cursors()
    {
        using var alice = ClientWithToken(await LoginAsync());

        var theirs = await GetJsonAsync(alice, Skeleton + "?limit=2");
        var shared = await GetJsonAsync(Anonymous, Skeleton + "?limit=2");

        // One snapshot for both: the same cursor, valid for either reader.
        Assert.Equal(Cursor(shared), Cursor(theirs));
        Assert.Equal(Posts(await GetJsonAsync(Anonymous, $"{Skeleton}?limit=2&cursor={Uri.EscapeDataString(Cursor(theirs))}")),
            Posts(await GetJsonAsync(alice, $"{Skeleton}?limit=2&cursor={Uri.EscapeDataString(Cursor(shared))}")));
    }

    [Fact]
    public async Task An_apps_own_token_names_no_one_and_reads_as_anonymous()
    {
        var (id, secret) = await RegisterAppAsync();
        var token = await Client.PostAsync("/oauth/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials", ["client_id"] = id, ["client_secret"] = secret,
        }));
        using var app = ClientWithToken((await token.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("access_token").GetString()!);

        var page = await GetJsonAsync(app, $"{Skeleton}?limit=2");

        Assert.Equal(["a1", "a2"], Posts(page));
        Assert.Equal(["a3", "b1"], Posts(await GetJsonAsync(Anonymous, $"{Skeleton}?limit=2&cursor={Cursor(page)}")));
    }
}
