using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using HttpResponseWriting = Microsoft.AspNetCore.Http.HttpResponseWritingExtensions;
using Middleware.Server.Tests.Infrastructure;

namespace Middleware.Server.Tests.ClientApi;

public sealed class HomeTimelineTests : ClientApiFixture
{
    private const int Total = 100;
    private const int Window = 60;

    protected override void Configure(MiddlewareFactory service)
    {
        service.Settings["ClientApi:RankedWindow"] = Window.ToString();
        service.Settings["ClientApi:UpstreamPageSize"] = "20";
        // Upstream calls keep the default timeout (15 s): a 1 s timeout made even the first page and the
        // login a 504 on a loaded machine. Timeouts have their own class, HomeInstanceTimeoutTests.
        service.Settings["ClientApi:WindowFillBudget"] = "00:00:01";
    }

    /// <summary>Status i has a distinct favourite count inside the window ((7i) mod 60).</summary>
    private List<Dictionary<string, object?>> ServeTimeline()
    {
        var statuses = StandInTimeline.Statuses(Remote.BaseUrl, Total, i => i * 7 % Window);
        StandInTimeline.Serve(Home, statuses);
        return statuses;
    }

    [Fact]
    public async Task Chronological_by_default_pages_through_the_window_and_on_in_the_instance_order()
    {
        var statuses = ServeTimeline();
        using var app = ClientWithToken(await LoginAsync());

        var ids = await ReadAllAsync(app, "/api/v1/timelines/home?limit=15");

        Assert.Equal(statuses.Select(s => (string)s["id"]!), ids);
    }

    [Fact]
    public async Task The_chosen_ranker_orders_the_window_and_paging_has_no_duplicates_or_gaps()
    {
        var statuses = ServeTimeline();
        using var app = ClientWithToken(await LoginAsync());
        var set = await app.PutAsJsonAsync("/api/v1/preferences/ranking",
            new { ranker = "engagement", parameters = new { boostWeight = 0, replyWeight = 0, halfLifeHours = 8760 } });
        Assert.Equal(HttpStatusCode.OK, set.StatusCode);

        var ids = await ReadAllAsync(app, "/api/v1/timelines/home?limit=16");

        var expectedWindow = statuses.Take(Window).OrderByDescending(s => (int)s["favourites_count"]!).Select(s => (string)s["id"]!);
        Assert.Equal(expectedWindow, ids.Take(Window));
        Assert.Equal(statuses.Skip(Window).Select(s => (string)s["id"]!), ids.Skip(Window));
    }

    [Fact]
    public async Task The_prev_link_pages_back_up_the_ranked_window()
    {
        ServeTimeline();
        using var app = ClientWithToken(await LoginAsync());
        var first = await app.GetAsync("/api/v1/timelines/home?limit=10");
        var second = await app.GetAsync(LinkOf(first, "next")!);
        var back = await app.GetAsync(LinkOf(second, "prev")!);
        Assert.Equal(await IdsAsync(first), await IdsAsync(back));
        Assert.Contains("min_id=", LinkOf(first, "prev"));
    }

    [Fact]
    public async Task A_boost_is_ranked_as_the_boosted_status_and_returned_as_the_boost()
    {
        var boosted = StandInTimeline.Status(Remote.BaseUrl, "500", StandInTimeline.Newest.AddHours(-2), 50, author: "carol");
        var boost = StandInTimeline.Status(Remote.BaseUrl, "2000", StandInTimeline.Newest, 0);
        boost["reblog"] = boosted;
        var plain = StandInTimeline.Status(Remote.BaseUrl, "1999", StandInTimeline.Newest.AddMinutes(-1), 5);
        StandInTimeline.Serve(Home, [boost, plain]);
        using var app = ClientWithToken(await LoginAsync());
        await app.PutAsJsonAsync("/api/v1/preferences/ranking", new { ranker = "engagement", parameters = new { halfLifeHours = 8760 } });

        var page = await (await app.GetAsync("/api/v1/timelines/home")).Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(["2000", "1999"], page.EnumerateArray().Select(s => s.GetProperty("id").GetString()));
        Assert.Equal("500", page[0].GetProperty("reblog").GetProperty("id").GetString());
    }

    [Fact]
    public async Task Ranking_preference_defaults_to_chronological_and_refuses_bad_input_without_changing()
    {
        ServeTimeline();
        using var app = ClientWithToken(await LoginAsync());
        var initial = await app.GetFromJsonAsync<JsonElement>("/api/v1/preferences/ranking");
        Assert.Equal("chronological", initial.GetProperty("ranker").GetString());
        Assert.False(initial.GetProperty("recordInteractions").GetBoolean());

        var unknown = await app.PutAsJsonAsync("/api/v1/preferences/ranking", new { ranker = "nope" });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, unknown.StatusCode);
        Assert.Equal("ranker", (await unknown.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("field").GetString());
        var badParameter = await app.PutAsJsonAsync("/api/v1/preferences/ranking", new { ranker = "engagement", parameters = new { favouriteWeight = -1 } });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, badParameter.StatusCode);
        Assert.Contains("favouriteWeight", (await badParameter.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("field").GetString());

        Assert.Equal(initial.GetRawText(), (await app.GetFromJsonAsync<JsonElement>("/api/v1/preferences/ranking")).GetRawText());
        using var anonymous = ClientWithToken("nope");
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/v1/timelines/home")).StatusCode);
    }

    [Fact]
    public async Task Slow_later_pages_leave_a_partial_window_that_pages_on_in_the_instance_order()
    {
        var statuses = ServeTimeline();
        var filled = new TaskCompletionSource();
        Remote.Route("/api/v1/timelines/home", async context =>
        {
            // The first page at once; while the window fills, every later page answers only when the
            // service gives up on it (its fill budget, 1 s here), however long that takes on a busy
            // machine: no sleep and no clock decides the outcome.
            if (context.Request.Query.ContainsKey("max_id") && !filled.Task.IsCompleted)
                await Task.WhenAny(filled.Task, Task.Delay(Timeout.InfiniteTimeSpan, context.RequestAborted));
            else
            {
                var limit = int.Parse(context.Request.Query["limit"]!);
                var from = long.TryParse(context.Request.Query["max_id"], out var max) ? max : long.MaxValue;
                await MastodonStandIn.Json(context, statuses.Where(s => long.Parse((string)s["id"]!) < from).Take(limit).ToList());
            }
        });
        using var app = ClientWithToken(await LoginAsync());

        var first = await app.GetAsync("/api/v1/timelines/home?limit=40");
        filled.SetResult();

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(statuses.Take(20).Select(s => (string)s["id"]!), await IdsAsync(first)); // one upstream page of 20
        // next: a cursor just past the window, which goes on in the instance's order from its oldest status.
        var next = await app.GetAsync(LinkOf(first, "next")!);
        Assert.Equal(statuses.Skip(20).Take(40).Select(s => (string)s["id"]!), await IdsAsync(next));
        Assert.Contains(Remote.Received, r => r.Path == "/api/v1/timelines/home" && r.PathAndQuery.Contains($"max_id={statuses[19]["id"]}"));
    }

    [Fact]
    public async Task A_plain_status_id_of_the_ranked_window_as_max_id_goes_on_in_ranked_order_then_in_the_instance_order()
    {
        var statuses = ServeTimeline();
        using var app = ClientWithToken(await LoginAsync());
        await app.PutAsJsonAsync("/api/v1/preferences/ranking",
            new { ranker = "engagement", parameters = new { boostWeight = 0, replyWeight = 0, halfLifeHours = 8760 } });

        // Ice Cubes, Tusky, Moshidon and Megalodon send their last status's id as max_id (docs/apps.md).
        var ids = new List<string>();
        for (var page = 0; page < 40; page++)
        {
            var query = ids.Count == 0 ? "" : $"&max_id={ids[^1]}";
            var statusesRead = await IdsAsync(await app.GetAsync($"/api/v1/timelines/home?limit=16{query}"));
            if (statusesRead.Count == 0)
                break;
            ids.AddRange(statusesRead);
        }

        var expectedWindow = statuses.Take(Window).OrderByDescending(s => (int)s["favourites_count"]!).Select(s => (string)s["id"]!);
        Assert.Equal(expectedWindow.Concat(statuses.Skip(Window).Select(s => (string)s["id"]!)), ids);
    }

    [Fact]
    public async Task Impressions_are_recorded_for_public_statuses_only_and_only_after_opting_in()
    {
        var statuses = StandInTimeline.Statuses(Remote.BaseUrl, 10, i => i);
        statuses[3]["visibility"] = "private";
        statuses[4]["visibility"] = "direct";
        StandInTimeline.Serve(Home, statuses);
        // Impressions are kept for stored posts (here all ten, as if they had come by federation).
        using (var admin = Service.CreateAdminClient())
        {
            var lines = statuses.Select(s => JsonSerializer.Serialize(new
            {
                type = "post", uri = (string)s["uri"]!, author = $"{Remote.BaseUrl}/users/bob", text = "x", published = (string)s["created_at"]!,
            })).ToArray();
            Assert.Equal(HttpStatusCode.OK, (await Ranking.ImportTests.ImportAsync(admin, lines)).StatusCode);
        }
        using var app = ClientWithToken(await LoginAsync());

        Assert.Equal(HttpStatusCode.OK, (await app.GetAsync("/api/v1/timelines/home")).StatusCode);
        Assert.Equal(0L, await ScalarAsync("SELECT COUNT(*) FROM impressions"));

        await app.PutAsJsonAsync("/api/v1/preferences/ranking", new { recordInteractions = true });
        Assert.Equal(HttpStatusCode.OK, (await app.GetAsync("/api/v1/timelines/home")).StatusCode);

        Assert.Equal(8L, await ScalarAsync("SELECT COUNT(*) FROM impressions"));
        Assert.Equal(0L, await ScalarAsync($"SELECT COUNT(*) FROM impressions WHERE post_uri IN ('{statuses[3]["uri"]}', '{statuses[4]["uri"]}')"));
    }

    /// <summary>Follows rel="next" until a page is empty, as clients do.</summary>
    internal static async Task<List<string>> ReadAllAsync(HttpClient app, string first)
    {
        var ids = new List<string>();
        for (string? url = first; url is not null;)
        {
            var response = await app.GetAsync(url);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var page = await IdsAsync(response);
            if (page.Count == 0)
                break;
            ids.AddRange(page);
            url = LinkOf(response, "next");
            Assert.True(ids.Count <= 1000, "paging does not end");
        }
        return ids;
    }

    internal static async Task<List<string>> IdsAsync(HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<JsonElement>()).EnumerateArray().Select(s => s.GetProperty("id").GetString()!).ToList();

    internal static string? LinkOf(HttpResponseMessage response, string rel) =>
        response.Headers.TryGetValues("Link", out var values)
            ? Regex.Match(string.Join(", ", values), $"<([^>]+)>; rel=\"{rel}\"") is { Success: true } m ? new Uri(m.Groups[1].Value).PathAndQuery : null
            : null;
}
