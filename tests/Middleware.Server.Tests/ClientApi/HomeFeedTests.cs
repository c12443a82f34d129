using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Middleware.Core.Ingest;
using Middleware.Server.Tests.Infrastructure;
using Middleware.Server.Tests.Ranking;

namespace Middleware.Server.Tests.ClientApi;

/// <summary>A person chooses a feed for their home timeline: the feed's ranker orders it, and the
/// feed adds its own top posts, looked up at the home instance so that apps can act on them.</summary>
public sealed class HomeFeedTests : ClientApiFixture
{
    private const int HomeCount = 30;

    private static readonly TimeSpan HangGuard = TimeSpan.FromMinutes(1);

    protected override void Configure(MiddlewareFactory service)
    {
        service.Settings["ClientApi:RankedWindow"] = "40";
        service.Settings["ClientApi:FeedPostLookupBudget"] = "00:00:01";
        // Longer than any test runs: only the lookup budget can give up on a home instance that never answers.
        service.Settings["Middleware:RequestTimeout"] = "00:10:00";
    }

    private string Carol => $"{Remote.BaseUrl}/users/carol";

    private string CarolPost(int n) => $"{Carol}/statuses/{9000 + n}";

    /// <summary>Home: 30 statuses by bob, the newest with the fewest favourites, and carol's c4 (a
    /// post the feed holds too). The store: carol's c1-c4 (c4 newest) and a newer post by dave, who
    /// does not consent to discovery. The home instance finds c1, c2 and c4, not c3.</summary>
    private async Task<List<Dictionary<string, object?>>> ArrangeAsync()
    {
        var home = StandInTimeline.Statuses(Remote.BaseUrl, HomeCount, i => i);
        var c4 = StandInTimeline.Status(Remote.BaseUrl, "9004", StandInTimeline.Newest.AddMinutes(-5.5), 0, author: "carol");
        home.Insert(6, c4);
        StandInTimeline.Serve(Home, home);

        var found = Enumerable.Range(1, 4).Where(n => n != 3).ToDictionary(CarolPost,
            n => StandInTimeline.Status(Remote.BaseUrl, (9000 + n).ToString(), PublishedOf(n), 0, author: "carol"));
        Remote.Route("/api/v2/search", context => MastodonStandIn.Authorized(context, () =>
        {
            var status = found.GetValueOrDefault(context.Request.Query["q"].ToString());
            Assert.Equal("true", context.Request.Query["resolve"].ToString());
            return MastodonStandIn.Json(context, new
            {
                accounts = Array.Empty<object>(), hashtags = Array.Empty<object>(),
                statuses = status is null ? Array.Empty<object>() : new object[] { status },
            });
        }));

        using var admin = Service.CreateAdminClient();
        var lines = Enumerable.Range(1, 4).Select(n => Post(CarolPost(n), Carol, PublishedOf(n)))
            .Append(Post($"{Remote.BaseUrl}/users/dave/statuses/1", $"{Remote.BaseUrl}/users/dave", StandInTimeline.Newest))
            .ToArray();
        Assert.Equal(HttpStatusCode.OK, (await ImportTests.ImportAsync(admin, lines)).StatusCode);
        await Service.Services.GetRequiredService<IChangeWriter>()
            .ApplyAsync([new RecordAuthorConsent(Carol, Discoverable: true, Indexable: true)], null);
        return home;
    }

    private static DateTimeOffset PublishedOf(int carolPost) => StandInTimeline.Newest.AddMinutes(-60 + carolPost);

    private static string Post(string uri, string author, DateTimeOffset published) => JsonSerializer.Serialize(new
    {
        type = "post", uri, url = uri, author, text = "from the feed", published = published.ToString("O"),
    });

    private async Task AddFeedAsync(object definition)
    {
        using var admin = Service.CreateAdminClient();
        var created = await admin.PostAsJsonAsync("/api/admin/feeds", definition);
        Assert.True(created.StatusCode == HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_chosen_feed_adds_its_top_posts_that_the_home_instance_finds_and_that_are_not_there_yet()
    {
        var home = await ArrangeAsync();
        await AddFeedAsync(new { name = "buurt", displayName = "Buurt", sources = "all", ranker = "chronological", homeCandidates = 2 });
        using var app = ClientWithToken(await LoginAsync());

        var chosen = await app.PutAsJsonAsync("/api/v1/preferences/ranking", new { feed = "buurt" });
        Assert.Equal(HttpStatusCode.OK, chosen.StatusCode);
        var preference = await chosen.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("buurt", preference.GetProperty("feed").GetString());
        Assert.Equal(1, preference.GetProperty("feedVersion").GetInt32());

        var ids = await HomeTimelineTests.ReadAllAsync(app, "/api/v1/timelines/home?limit=40");

        // The feed's top two not at home are c3 (not found at the home instance, left out) and c2;
        // dave's newer post is not offered (no consent); c4 is at home already and shown once.
        var expected = home.Select(s => (string)s["id"]!).Append("9002").ToList();
        Assert.Equal(expected.Order(), ids.Order());
        Assert.Equal("9002", ids[^1]); // chronological: the oldest of them all
    }

    [Fact]
    public async Task The_feed_ranker_and_parameters_order_the_home_timeline()
    {
        var home = await ArrangeAsync();
        await AddFeedAsync(new
        {
            name = "popular", displayName = "Popular", sources = "all", ranker = "engagement",
            parameters = new { boostWeight = 0, replyWeight = 0, halfLifeHours = 8760 },
        });
        using var app = ClientWithToken(await LoginAsync());
        Assert.Equal(HttpStatusCode.OK, (await app.PutAsJsonAsync("/api/v1/preferences/ranking", new { feed = "popular" })).StatusCode);

        var ids = await HomeTimelineTests.ReadAllAsync(app, "/api/v1/timelines/home?limit=40");

        var byFavourites = home.OrderByDescending(s => (int)s["favourites_count"]!).Select(s => (string)s["id"]!).ToList();
        Assert.Equal(byFavourites.Take(5), ids.Take(5));
        Assert.Equal(home.Count, ids.Count); // homeCandidates 0: nothing added
    }

    [Fact]
    public async Task A_bad_feed_choice_is_refused_and_changes_nothing_and_a_ranker_replaces_the_feed()
    {
        await ArrangeAsync();
        await AddFeedAsync(new { name = "buurt", displayName = "Buurt", sources = "all", ranker = "chronological" });
        await AddFeedAsync(new { name = "staff", displayName = "Staff", sources = "all", ranker = "chronological", @public = false });
        using var app = ClientWithToken(await LoginAsync());
        await app.PutAsJsonAsync("/api/v1/preferences/ranking", new { feed = "buurt" });
        var before = (await app.GetFromJsonAsync<JsonElement>("/api/v1/preferences/ranking")).GetRawText();

        foreach (var bad in new object[] { new { feed = "nope" }, new { feed = "staff" }, new { feed = "buurt", ranker = "engagement" } })
        {
            var refused = await app.PutAsJsonAsync("/api/v1/preferences/ranking", bad);
            Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
            Assert.Equal("feed", (await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("field").GetString());
        }
        Assert.Equal(before, (await app.GetFromJsonAsync<JsonElement>("/api/v1/preferences/ranking")).GetRawText());

        var optIn = await app.PutAsJsonAsync("/api/v1/preferences/ranking", new { recordInteractions = true });
        Assert.Equal("buurt", (await optIn.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("feed").GetString());

        var ranker = await (await app.PutAsJsonAsync("/api/v1/preferences/ranking", new { ranker = "engagement" }))
            .Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(JsonValueKind.Null, ranker.GetProperty("feed").ValueKind);
        Assert.Equal("engagement", ranker.GetProperty("ranker").GetString());
        Assert.True(ranker.GetProperty("recordInteractions").GetBoolean());
    }

    [Theory]
    [InlineData("not json", "application/json", "body")]
    [InlineData("[1]", "application/json", "body")]
    [InlineData("{\"feed\":7}", "application/json", "feed")]
    [InlineData("{\"recordInteractions\":\"yes\"}", "application/json", "recordInteractions")]
    [InlineData("feed=buurt", "text/plain", "body")]
    [InlineData("recordInteractions=maybe", "application/x-www-form-urlencoded", "recordInteractions")]
    [InlineData("ranker=engagement&parameters=%7Bnope", "application/x-www-form-urlencoded", "parameters")]
    public async Task An_unreadable_preference_body_is_422_naming_the_field_and_changes_nothing(string body, string type, string field)
    {
        using var app = ClientWithToken(await LoginAsync());
        var before = (await app.GetFromJsonAsync<JsonElement>("/api/v1/preferences/ranking")).GetRawText();

        var refused = await app.PutAsync("/api/v1/preferences/ranking", new StringContent(body, System.Text.Encoding.UTF8, type));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        Assert.Equal(field, (await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("field").GetString());
        Assert.Equal(before, (await app.GetFromJsonAsync<JsonElement>("/api/v1/preferences/ranking")).GetRawText());
    }

    [Fact]
    public async Task A_form_body_sets_the_preference_as_JSON_does()
    {
        await AddFeedAsync(new { name = "buurt", displayName = "Buurt", sources = "all", ranker = "chronological" });
        using var app = ClientWithToken(await LoginAsync());

        var set = await app.PutAsync("/api/v1/preferences/ranking", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["feed"] = "buurt", ["recordInteractions"] = "true",
        }));

        Assert.Equal(HttpStatusCode.OK, set.StatusCode);
        var preference = await app.GetFromJsonAsync<JsonElement>("/api/v1/preferences/ranking");
        Assert.Equal("buurt", preference.GetProperty("feed").GetString());
        Assert.True(preference.GetProperty("recordInteractions").GetBoolean());
    }

    [Fact]
    public async Task A_chosen_feed_that_is_deleted_leaves_the_home_timeline_chronological_and_says_so()
    {
        var home = await ArrangeAsync();
        await AddFeedAsync(new
        {
            name = "popular", displayName = "Popular", sources = "all", ranker = "engagement", homeCandidates = 2,
            parameters = new { boostWeight = 0, replyWeight = 0, halfLifeHours = 8760 },
        });
        using var app = ClientWithToken(await LoginAsync());
        await app.PutAsJsonAsync("/api/v1/preferences/ranking", new { feed = "popular" });
        using (var admin = Service.CreateAdminClient())
            Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync("/api/admin/feeds/popular")).StatusCode);

        var preference = await app.GetFromJsonAsync<JsonElement>("/api/v1/preferences/ranking");
        Assert.Equal("popular", preference.GetProperty("feed").GetString());
        Assert.Equal("chronological", preference.GetProperty("ranker").GetString());
        Assert.Contains("no longer offered", preference.GetProperty("notice").GetString());
        var ids = await HomeTimelineTests.ReadAllAsync(app, "/api/v1/timelines/home?limit=40");
        Assert.Equal(home.Select(s => (string)s["id"]!), ids);
    }

    [Fact]
    public async Task A_home_instance_slow_to_find_the_feed_posts_does_not_hold_up_the_home_timeline()
    {
        var home = await ArrangeAsync();
        var searched = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var abandoned = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        // A home instance that never answers the search: the timeline can only come back by giving up on it.
        Remote.Route("/api/v2/search", async context =>
        {
            searched.TrySetResult();
            try { await Task.Delay(Timeout.InfiniteTimeSpan, context.RequestAborted); }
            catch (OperationCanceledException) { abandoned.TrySetResult(); }
        });
        await AddFeedAsync(new { name = "buurt", displayName = "Buurt", sources = "all", ranker = "chronological", homeCandidates = 3 });
        using var app = ClientWithToken(await LoginAsync());
        await app.PutAsJsonAsync("/api/v1/preferences/ranking", new { feed = "buurt" });

        // The guard only stops a hang (the budget is 1 s); what is asserted is that an answer came at all.
        var first = await app.GetAsync("/api/v1/timelines/home?limit=40").WaitAsync(HangGuard);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.True(searched.Task.IsCompleted, "the feed's posts were not looked up");
        await abandoned.Task.WaitAsync(HangGuard);
        Assert.Equal(home.Take(40).Select(s => (string)s["id"]!), await HomeTimelineTests.IdsAsync(first));
    }
}
