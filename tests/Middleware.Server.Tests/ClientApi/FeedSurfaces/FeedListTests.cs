using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using static Middleware.Server.Tests.ClientApi.HomeTimelineTests;

namespace Middleware.Server.Tests.ClientApi.FeedSurfaces;

/// <summary>Feeds as lists: next to the person's own lists, served in the feed's order as the home
/// instance's statuses, paged without repeats, and never confused with the instance's lists.</summary>
public sealed class FeedListTests : FeedSurfaceFixture
{
    private static async Task<List<string>> ListIdsAsync(HttpClient app) =>
        (await StatusesAsync(await app.GetAsync("/api/v1/lists"))).Select(l => l.GetProperty("id").GetString()!).ToList();

    [Fact]
    public async Task The_lists_are_the_instance_lists_unchanged_then_the_ranked_home_and_the_chosen_feeds()
    {
        using var app = await PersonAsync(new { });
        Assert.Equal(["7"], await ListIdsAsync(app));

        await app.PutAsJsonAsync("/api/v1/preferences/ranking", new { lists = new[] { Feed } });
        Assert.Equal(["7", FeedList], await ListIdsAsync(app));

        await app.PutAsJsonAsync("/api/v1/preferences/ranking", new { feed = Feed });
        var lists = await StatusesAsync(await app.GetAsync("/api/v1/lists"));
        Assert.Equal(["7", "mw-home", FeedList], lists.Select(l => l.GetProperty("id").GetString()));
        Assert.Equal("Friends", lists[0].GetProperty("title").GetString());
        Assert.Equal("Home, ranked by Buurt", lists[1].GetProperty("title").GetString());
        Assert.Equal("Buurt", lists[2].GetProperty("title").GetString());
        Assert.Equal("list", lists[2].GetProperty("replies_policy").GetString());
        Assert.False(lists[2].GetProperty("exclusive").GetBoolean());

        var one = await app.GetFromJsonAsync<JsonElement>($"/api/v1/lists/{FeedList}");
        Assert.Equal("Buurt", one.GetProperty("title").GetString());
        Assert.Equal("Friends", (await app.GetFromJsonAsync<JsonElement>("/api/v1/lists/7")).GetProperty("title").GetString());
    }

    [Fact]
    public async Task A_feed_list_pages_the_feed_ranking_as_the_home_instance_statuses_without_repeats_or_gaps()
    {
        using var app = await PersonAsync(new { lists = new[] { Feed } });

        var ids = await ReadAllAsync(app, $"/api/v1/timelines/list/{FeedList}?limit=7");

        Assert.Equal(Ranked(), ids);
        Assert.Equal(PostCount, Searches);
    }

    [Fact]
    public async Task A_post_found_once_is_fetched_by_id_afterwards_with_one_request_per_page()
    {
        using var app = await PersonAsync(new { lists = new[] { Feed } });
        await ReadAllAsync(app, $"/api/v1/timelines/list/{FeedList}?limit=10");
        var (searches, byId) = (Searches, ByIdRequests);

        var again = await ReadAllAsync(app, $"/api/v1/timelines/list/{FeedList}?limit=10");

        Assert.Equal(Ranked(), again);
        Assert.Equal(searches, Searches);
        Assert.Equal(byId + 3, ByIdRequests);
    }

    [Fact]
    public async Task An_instance_without_the_multi_status_call_is_asked_one_status_at_a_time()
    {
        Remote.ServeStatus("/api/v1/statuses", 404);
        using var app = await PersonAsync(new { lists = new[] { Feed } });
        await ReadAllAsync(app, $"/api/v1/timelines/list/{FeedList}?limit=10");

        var again = await ReadAllAsync(app, $"/api/v1/timelines/list/{FeedList}?limit=10");

        Assert.Equal(Ranked(), again);
        Assert.Equal(PostCount, Remote.Received.Count(r => r.Path.StartsWith("/api/v1/statuses/", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Posts_the_home_instance_does_not_find_are_skipped_and_the_page_is_filled_from_the_next()
    {
        var missing = Enumerable.Range(0, PostCount).OrderByDescending(Favourites).Take(3).ToList();
        foreach (var k in missing)
            Unfindable[PostUri(k)] = true;
        using var app = await PersonAsync(new { lists = new[] { Feed } });

        var first = await StatusesAsync(await app.GetAsync($"/api/v1/timelines/list/{FeedList}?limit=10"));
        var all = await ReadAllAsync(app, $"/api/v1/timelines/list/{FeedList}?limit=10");

        Assert.Equal(10, first.Count);
        Assert.Equal(Ranked().Except(missing.Select(HomeId)), all);
    }

    [Fact]
    public async Task A_failing_home_instance_is_an_error_not_an_empty_page_and_the_remembered_ids_are_kept()
    {
        using var app = await PersonAsync(new { lists = new[] { Feed } });
        await ReadAllAsync(app, $"/api/v1/timelines/list/{FeedList}?limit=10");
        var searches = Searches;

        FailingByIdRequests = 1;
        var failed = await app.GetAsync($"/api/v1/timelines/list/{FeedList}?limit=10");
        Assert.Equal(HttpStatusCode.BadGateway, failed.StatusCode);

        Assert.Equal(Ranked(), await ReadAllAsync(app, $"/api/v1/timelines/list/{FeedList}?limit=10"));
        Assert.Equal(searches, Searches);
    }

    [Fact]
    public async Task A_post_the_instance_failed_to_look_up_ends_the_page_and_is_asked_again_on_the_next()
    {
        var ranked = Enumerable.Range(0, PostCount).OrderByDescending(Favourites).ToList();
        Failing[PostUri(ranked[4])] = true;
        using var app = await PersonAsync(new { lists = new[] { Feed } });

        var first = await app.GetAsync($"/api/v1/timelines/list/{FeedList}?limit=10");
        Assert.Equal(Ranked().Take(4), await IdsAsync(first));

        Failing.Clear();
        var rest = await ReadAllAsync(app, LinkOf(first, "next")!);
        Assert.Equal(Ranked().Skip(4), rest);
    }

    [Fact]
    public async Task A_plain_status_id_as_max_id_goes_on_after_that_status_in_the_feed_order()
    {
        using var app = await PersonAsync(new { lists = new[] { Feed } });
        var first = await StatusesAsync(await app.GetAsync($"/api/v1/timelines/list/{FeedList}?limit=10"));

        // Ice Cubes, Moshidon and Megalodon send their last status's id, not the Link's cursor.
        var last = first[^1].GetProperty("id").GetString();
        var next = await StatusesAsync(await app.GetAsync($"/api/v1/timelines/list/{FeedList}?limit=10&max_id={last}"));

        Assert.Equal(Ranked().Skip(10).Take(10), next.Select(s => s.GetProperty("id").GetString()));
    }

    [Fact]
    public async Task The_prev_link_pages_back_up_and_a_refresh_shows_only_what_is_new_in_the_feed_order()
    {
        using var app = await PersonAsync(new { lists = new[] { Feed } });
        var first = await app.GetAsync($"/api/v1/timelines/list/{FeedList}?limit=10");
        var second = await app.GetAsync(LinkOf(first, "next")!);
        Assert.Equal(await IdsAsync(first), await IdsAsync(await app.GetAsync(LinkOf(second, "prev")!)));

        var nothingNew = await app.GetAsync(LinkOf(first, "prev")!);
        Assert.Empty(await IdsAsync(nothingNew));

        // Two new posts, one the most favourited of all (the fixture ranks the feed afresh every time).
        AtHome[PostUri(40)] = StatusOf(40);
        AtHome[PostUri(41)] = StatusOf(41);
        await ImportAsync([40, 41], k => k == 40 ? 50 : 1);
        var refreshed = await app.GetAsync(LinkOf(nothingNew, "prev")!);

        Assert.Equal([HomeId(40), HomeId(41)], await IdsAsync(refreshed));
        Assert.Null(LinkOf(refreshed, "next"));
        Assert.Empty(await IdsAsync(await app.GetAsync(LinkOf(refreshed, "prev")!)));
    }

    [Fact]
    public async Task A_cursor_into_a_window_the_service_no_longer_knows_ends_the_list()
    {
        using var app = await PersonAsync(new { lists = new[] { Feed } });

        foreach (var cursor in new[] { "max_id=rk-0123456789ab-10", "max_id=999999", "min_id=rk-0123456789ab-10", "since_id=999999" })
        {
            var response = await app.GetAsync($"/api/v1/timelines/list/{FeedList}?{cursor}");
            Assert.Empty(await StatusesAsync(response));
            Assert.Null(LinkOf(response, "next"));
        }
    }

    [Fact]
    public async Task The_home_list_serves_the_ranked_home_timeline_with_links_on_the_list()
    {
        var home = StandInTimeline.Statuses(Remote.BaseUrl, 12, i => i % 5);
        StandInTimeline.Serve(Home, home);
        using var app = await PersonAsync(new { ranker = "engagement", parameters = new { boostWeight = 0, replyWeight = 0, halfLifeHours = 8760 } });

        var first = await app.GetAsync("/api/v1/timelines/list/mw-home?limit=5");
        var ids = await ReadAllAsync(app, "/api/v1/timelines/list/mw-home?limit=5");

        Assert.StartsWith("/api/v1/timelines/list/mw-home?", LinkOf(first, "next"));
        Assert.Equal(await ReadAllAsync(app, "/api/v1/timelines/home?limit=5"), ids);
        Assert.Equal(home.OrderByDescending(s => (int)s["favourites_count"]!).Select(s => (string)s["id"]!).First(), ids[0]);
    }

    [Theory]
    [InlineData("/api/v1/timelines/list/mw-feed-nope")]
    [InlineData("/api/v1/timelines/list/mw-home")]
    [InlineData("/api/v1/timelines/list/mw-feed-staff")]
    [InlineData("/api/v1/lists/mw-feed-nope")]
    [InlineData("/api/v1/lists/mw-feed-buurt/accounts/extra")]
    [InlineData("/api/v1/lists/mw-home")]
    [InlineData("/api/v1/lists/mw-feed-buurt/accounts")]
    public async Task An_unknown_or_unchosen_feed_list_is_404_and_never_reaches_the_home_instance(string path)
    {
        using (var admin = Service.CreateAdminClient())
            await admin.PostAsJsonAsync("/api/admin/feeds", new { name = "staff", displayName = "Staff", sources = "all", ranker = "chronological", @public = false });
        // Chronological home (no mw-home) and no lists chosen.
        using var app = await PersonAsync(new { });

        var response = await app.GetAsync(path);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("Record not found", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetString());
        Assert.DoesNotContain(Remote.Received, r => r.Path.Contains("mw-", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_retired_feed_leaves_the_lists_and_its_id_answers_404()
    {
        using var app = await PersonAsync(new { lists = new[] { Feed } });
        using (var admin = Service.CreateAdminClient())
            Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/api/admin/feeds/{Feed}")).StatusCode);

        Assert.Equal(["7"], await ListIdsAsync(app));
        Assert.Equal(HttpStatusCode.NotFound, (await app.GetAsync($"/api/v1/timelines/list/{FeedList}")).StatusCode);
        Assert.Contains("no longer offered", (await app.GetFromJsonAsync<JsonElement>("/api/v1/preferences/ranking")).GetProperty("notice").GetString());
    }

    [Fact]
    public async Task Changing_a_feed_list_in_an_app_is_refused_in_plain_words_and_changes_nothing()
    {
        using var app = await PersonAsync(new { lists = new[] { Feed } });
        var requests = new Func<Task<HttpResponseMessage>>[]
        {
            () => app.PutAsJsonAsync($"/api/v1/lists/{FeedList}", new { title = "Mine" }),
            () => app.DeleteAsync($"/api/v1/lists/{FeedList}"),
            () => app.PostAsync($"/api/v1/lists/{FeedList}/accounts", new FormUrlEncodedContent(new Dictionary<string, string> { ["account_ids[]"] = "1" })),
            () => app.DeleteAsync($"/api/v1/lists/{FeedList}/accounts?account_ids[]=1"),
        };

        foreach (var request in requests)
        {
            var refused = await request();
            Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
            Assert.Contains("cannot be changed here", (await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetString());
        }
        Assert.Equal(["7", FeedList], await ListIdsAsync(app));
        Assert.Empty(await StatusesAsync(await app.GetAsync($"/api/v1/lists/{FeedList}/accounts")));
        Assert.DoesNotContain(Remote.Received, r => r.Path.Contains("mw-", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Reading_lists_needs_a_token_with_a_read_scope()
    {
        var (id, secret) = await RegisterAppAsync(scopes: "read write");
        var code = await AuthorizeAsync(id, scope: "write");
        var token = (await (await ExchangeAsync(id, secret, code)).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("access_token").GetString()!;
        using var app = ClientWithToken(token);

        Assert.Equal(HttpStatusCode.Forbidden, (await app.GetAsync("/api/v1/lists")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await app.GetAsync($"/api/v1/timelines/list/{FeedList}")).StatusCode);
        using var anonymous = Service.CreateClient();
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync($"/api/v1/timelines/list/{FeedList}")).StatusCode);
    }
}
