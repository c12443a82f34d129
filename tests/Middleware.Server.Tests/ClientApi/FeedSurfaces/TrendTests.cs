using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Middleware.Server.Tests.Infrastructure;
using static Middleware.Server.Tests.ClientApi.HomeTimelineTests;

namespace Middleware.Server.Tests.ClientApi.FeedSurfaces;

/// <summary>Trending posts from a feed: "Explore → Posts" shows the feed in its order, however the app pages.</summary>
public sealed class TrendTests : FeedSurfaceFixture
{
    [Fact]
    public async Task Without_a_trends_feed_the_home_instance_trends_are_passed_through()
    {
        using var app = await PersonAsync(new { lists = new[] { Feed } });

        var trends = await StatusesAsync(await app.GetAsync("/api/v1/trends/statuses"));

        Assert.Equal([HomeId(0)], trends.Select(s => s.GetProperty("id").GetString()));
        Assert.Contains(Remote.Received, r => r.Path == "/api/v1/trends/statuses");
    }

    [Fact]
    public async Task A_chosen_trends_feed_pages_in_its_order_by_the_link_offsets()
    {
        using var app = await PersonAsync(new { trends = Feed });

        var ids = await ReadAllAsync(app, "/api/v1/trends/statuses?limit=8");

        Assert.Equal(Ranked(), ids);
        Assert.DoesNotContain(Remote.Received, r => r.Path == "/api/v1/trends/statuses");
    }

    [Fact]
    public async Task Apps_that_count_what_they_hold_as_the_offset_read_the_same_order_without_repeats()
    {
        var missing = Enumerable.Range(0, PostCount).OrderByDescending(Favourites).Skip(4).Take(2).ToList();
        foreach (var k in missing)
            Unfindable[PostUri(k)] = true;
        using var app = await PersonAsync(new { trends = Feed });

        // Ice Cubes, Moshidon and Megalodon: offset = the number of statuses received so far.
        var ids = new List<string>();
        for (var page = 0; page < 10; page++)
        {
            var statuses = await StatusesAsync(await app.GetAsync($"/api/v1/trends/statuses?offset={ids.Count}&limit=8"));
            if (statuses.Count == 0)
                break;
            ids.AddRange(statuses.Select(s => s.GetProperty("id").GetString()!));
        }

        Assert.Equal(Ranked().Except(missing.Select(HomeId)), ids);
    }

    [Fact]
    public async Task A_later_offset_without_a_window_gives_an_empty_page_rather_than_repeats()
    {
        using var app = await PersonAsync(new { trends = Feed });

        Assert.Empty(await StatusesAsync(await app.GetAsync("/api/v1/trends/statuses?offset=20")));
        Assert.Empty(await StatusesAsync(await app.GetAsync("/api/v1/trends/statuses?offset=5&mw_window=0123456789ab")));
    }
}

/// <summary>The admin's default trends feed (<c>ClientApi:TrendsFeed</c>).</summary>
public sealed class DefaultTrendTests : FeedSurfaceFixture
{
    protected override void Configure(MiddlewareFactory service)
    {
        base.Configure(service);
        service.Settings["ClientApi:TrendsFeed"] = Feed;
    }

    [Fact]
    public async Task The_instance_default_feed_answers_for_people_who_chose_none_and_a_person_may_choose_another()
    {
        using var app = await PersonAsync(new { });
        Assert.Equal(Ranked(), await ReadAllAsync(app, "/api/v1/trends/statuses?limit=10"));

        using (var admin = Service.CreateAdminClient())
            await admin.PostAsJsonAsync("/api/admin/feeds", new { name = "nieuw", displayName = "Nieuw", sources = "all", ranker = "chronological" });
        await app.PutAsJsonAsync("/api/v1/preferences/ranking", new { trends = "nieuw" });
        var newest = Enumerable.Range(0, PostCount).Select(HomeId).ToList();
        Assert.Equal(newest, await ReadAllAsync(app, "/api/v1/trends/statuses?limit=10"));

        await app.PutAsJsonAsync("/api/v1/preferences/ranking", new { trends = (string?)null });
        Assert.Equal(Ranked(), await ReadAllAsync(app, "/api/v1/trends/statuses?limit=10"));
    }
}
