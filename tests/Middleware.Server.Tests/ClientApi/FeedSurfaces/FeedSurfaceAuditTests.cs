using Middleware.Server.Tests.Audit;
using static Middleware.Server.Tests.ClientApi.HomeTimelineTests;

namespace Middleware.Server.Tests.ClientApi.FeedSurfaces;

/// <summary>The feed read as a list and as the home timeline reaches the audit: the feed's order beside
/// chronological order of the same candidates, and nothing about the reader.</summary>
public sealed class FeedSurfaceAuditTests : FeedSurfaceFixture
{
    /// <summary>The posts k the feed ranks first (most favourited first).</summary>
    private static IEnumerable<int> FeedTop(int count) => Enumerable.Range(0, PostCount).OrderByDescending(Favourites).Take(count);

    [Fact]
    public async Task A_feed_list_page_records_the_feed_order_against_the_newest_candidates_at_the_same_positions()
    {
        using var app = await PersonAsync(new { lists = new[] { Feed } });

        var page = await FeedSurfaceFixture.StatusesAsync(await app.GetAsync($"/api/v1/timelines/list/{FeedList}?limit=7"));
        Assert.Equal(7, page.Count);

        var stored = await AuditRecordingTests.StoredAsync(Service, Feed, 7);
        // Under the feed: its top 7 by favourites. Under chronological: posts 0-6 (post k is k minutes old).
        Assert.Equal(FeedTop(7).Select(PostUri).Order(), stored.Where(e => e.Feed > 0).Select(e => e.Uri).Order());
        Assert.Equal(Enumerable.Range(0, 7).Select(PostUri).Order(), stored.Where(e => e.Baseline > 0).Select(e => e.Uri).Order());
        Assert.All(stored, e => Assert.Equal("nl", e.Language));
    }

    [Fact]
    public async Task The_home_timeline_ranked_by_a_feed_is_recorded_under_that_feed_without_the_reader()
    {
        // The home instance's timeline holds the same 30 posts, in its own id order.
        StandInTimeline.Serve(Home, AtHome.Values.OrderByDescending(st => long.Parse((string)st["id"]!)).ToList());
        using var app = await PersonAsync(new { feed = Feed });

        var page = await FeedSurfaceFixture.StatusesAsync(await app.GetAsync("/api/v1/timelines/home?limit=5"));
        Assert.Equal(5, page.Count);

        var stored = await AuditRecordingTests.StoredAsync(Service, Feed, 5);
        Assert.Equal(FeedTop(5).Select(PostUri).Order(), stored.Where(e => e.Feed > 0).Select(e => e.Uri).Order());
        Assert.Equal(Enumerable.Range(0, 5).Select(PostUri).Order(), stored.Where(e => e.Baseline > 0).Select(e => e.Uri).Order());
        var reader = (await app.GetStringAsync("/api/v1/accounts/verify_credentials"));
        Assert.All(stored, e => Assert.DoesNotContain(e.Author, reader));
    }
}
