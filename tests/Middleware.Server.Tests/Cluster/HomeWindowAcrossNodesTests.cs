using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Middleware.Server.Tests.ClientApi;
using Middleware.Server.Tests.Infrastructure;
using Middleware.Tests.Shared.Postgres;

namespace Middleware.Server.Tests.Cluster;

/// <summary>A Mastodon app pages through its home timeline while the load balancer sends each request
/// to either node: the page from node B continues the window node A ranked (ADR 0037), even though the
/// home instance's timeline changed meanwhile (a fresh ranking would now order it otherwise).</summary>
public sealed class HomeWindowAcrossNodesTests : ClientApiFixture
{
    private const int Window = 60;
    private TwoNodes nodes = null!;

    protected override async Task<MiddlewareFactory> CreateServiceAsync()
    {
        nodes = await TwoNodes.StartAsync(node =>
        {
            node.Settings["ClientApi:UpstreamScheme"] = "http";
            node.Settings["ClientApi:RankedWindow"] = Window.ToString();
            node.Settings["ClientApi:UpstreamPageSize"] = "20";
        });
        return nodes.A;
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await nodes.DisposeAsync();
    }

    [PostgresFact]
    public async Task Page_one_from_node_A_and_page_two_from_node_B_continue_one_window_without_repeats()
    {
        var statuses = StandInTimeline.Statuses(Remote.BaseUrl, 100, i => i * 7 % Window);
        StandInTimeline.Serve(Home, statuses);
        var token = await LoginAsync();
        using var onA = ClientWithToken(token);
        using var onB = nodes.B.CreateClient();
        onB.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var set = await onA.PutAsJsonAsync("/api/v1/preferences/ranking",
            new { ranker = "engagement", parameters = new { boostWeight = 0, replyWeight = 0, halfLifeHours = 8760 } });
        Assert.Equal(HttpStatusCode.OK, set.StatusCode);

        var first = await onA.GetAsync("/api/v1/timelines/home?limit=16");
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var firstIds = await HomeTimelineTests.IdsAsync(first);
        // The home instance now counts favourites the other way round: ranking again would reorder.
        StandInTimeline.Serve(Home, StandInTimeline.Statuses(Remote.BaseUrl, 100, i => Window - i * 7 % Window));
        var second = await onB.GetAsync(HomeTimelineTests.LinkOf(first, "next")!);
        var byStatusId = await onB.GetAsync($"/api/v1/timelines/home?limit=16&max_id={firstIds[^1]}");

        var ranked = statuses.Take(Window).OrderByDescending(s => (int)s["favourites_count"]!).Select(s => (string)s["id"]!).ToList();
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal(HttpStatusCode.OK, byStatusId.StatusCode);
        Assert.Equal(ranked.Take(16), firstIds);
        Assert.Equal(ranked.Skip(16).Take(16), await HomeTimelineTests.IdsAsync(second));
        Assert.Equal(ranked.Skip(16).Take(16), await HomeTimelineTests.IdsAsync(byStatusId));
    }
}
