using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dapper;
using Middleware.Server.Tests.Infrastructure;

namespace Middleware.Server.Tests.Feeds;

public sealed class OpenFeedSkeletonTests : OpenFeedFixture
{
    // Every first page ranks again, so a test can see new posts reach the next snapshot.
    protected override IReadOnlyDictionary<string, string?> Settings =>
        new Dictionary<string, string?> { ["Middleware:OpenFeeds:FreshSeconds"] = "0" };

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await ImportPostsAsync(1, 25);
        await AddFeedAsync("news");
    }

    private static string Skeleton(string feed, string query = "") => $"/api/v1/feeds/{feed}/skeleton{query}";

    [Fact]
    public async Task Pages_walk_one_snapshot_without_repeats_or_gaps_while_posts_arrive()
    {
        var first = await GetJsonAsync(Skeleton("news", "?limit=10"));
        await ImportPostsAsync(26, 5);
        var second = await GetJsonAsync(Skeleton("news", $"?limit=10&cursor={Cursor(first)}"));
        var third = await GetJsonAsync(Skeleton("news", $"?limit=10&cursor={Cursor(second)}"));

        var walked = Posts(first).Concat(Posts(second)).Concat(Posts(third)).ToArray();
        Assert.Equal(Enumerable.Range(1, 25).Reverse().Select(i => $"p{i}"), walked);
        Assert.Null(Cursor(third));
        // A stale snapshot is still served while the next ranking runs; that one has the new posts.
        await Eventually.TrueAsync(async () => Posts(await GetJsonAsync(Skeleton("news", "?limit=10")))[0] == "p30", "the next snapshot");
    }

    [Fact]
    public async Task A_page_is_exactly_feed_cursor_and_reqId_with_post_score_explanation_and_feedContext()
    {
        var page = await GetJsonAsync(Skeleton("news"));

        Assert.Equal(["feed", "cursor", "reqId"], page.EnumerateObject().Select(p => p.Name));
        Assert.Equal(25, page.GetProperty("feed").GetArrayLength());
        Assert.Equal(JsonValueKind.Null, page.GetProperty("cursor").ValueKind);
        var item = page.GetProperty("feed")[0];
        Assert.Equal(["post", "score", "explanation", "feedContext"], item.EnumerateObject().Select(p => p.Name));
        Assert.Equal(Uri("p25"), item.GetProperty("post").GetString());
        Assert.Equal("chronological", item.GetProperty("explanation").GetProperty("ranker").GetString());
        Assert.False(string.IsNullOrEmpty(item.GetProperty("explanation").GetProperty("summary").GetString()));
    }

    [Fact]
    public async Task Every_response_has_its_own_reqId_around_the_same_cached_page()
    {
        var first = await Client.GetAsync(Skeleton("news", "?limit=5"));
        var second = await Client.GetAsync(Skeleton("news", "?limit=5"));
        var (a, b) = (await first.Content.ReadFromJsonAsync<JsonElement>(), await second.Content.ReadFromJsonAsync<JsonElement>());

        var (idA, idB) = (a.GetProperty("reqId").GetString()!, b.GetProperty("reqId").GetString()!);
        Assert.Matches("^[A-Za-z0-9_-]{16}$", idA);
        Assert.NotEqual(idA, idB);
        Assert.Equal(Posts(a), Posts(b));
        Assert.Equal("application/json; charset=utf-8", first.Content.Headers.ContentType!.ToString());
        Assert.Equal((await first.Content.ReadAsByteArrayAsync()).Length, first.Content.Headers.ContentLength);
    }

    [Fact]
    public async Task Each_items_feedContext_says_which_snapshot_version_and_position_served_it()
    {
        var first = await GetJsonAsync(Skeleton("news", "?limit=3"));
        var next = await GetJsonAsync(Skeleton("news", $"?limit=3&cursor={Cursor(first)}"));

        var served = first.GetProperty("feed").EnumerateArray().Concat(next.GetProperty("feed").EnumerateArray())
            .Select(i => Middleware.Server.Feeds.Open.FeedContext.Decode(i.GetProperty("feedContext").GetString())!.Value).ToList();

        Assert.Equal([0, 1, 2, 3, 4, 5], served.Select(s => s.Position));
        Assert.All(served, s => Assert.Equal((served[0].Snapshot, 1), (s.Snapshot, s.FeedVersion)));
        Assert.True(first.GetProperty("feed")[0].GetProperty("feedContext").GetString()!.Length <= 24);
    }

    [Fact]
    public async Task The_default_limit_is_30_and_the_limit_is_honoured()
    {
        await ImportPostsAsync(26, 10);

        Assert.Equal(30, (await GetJsonAsync(Skeleton("news"))).GetProperty("feed").GetArrayLength());
        Assert.Equal(["p35"], Posts(await GetJsonAsync(Skeleton("news", "?limit=1"))));
        Assert.Equal(35, (await GetJsonAsync(Skeleton("news", "?limit=100"))).GetProperty("feed").GetArrayLength());
    }

    [Theory]
    [InlineData("?limit=0", "limit")]
    [InlineData("?limit=101", "limit")]
    [InlineData("?limit=-1", "limit")]
    [InlineData("?limit=ten", "limit")]
    [InlineData("?cursor=garbage", "cursor")]
    [InlineData("?cursor=", "cursor")]
    [InlineData("?cursor=AQAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", "cursor")]
    public async Task Bad_parameters_are_400_naming_the_parameter(string query, string field)
    {
        var body = await GetJsonAsync(Skeleton("news", query), HttpStatusCode.BadRequest);

        Assert.Equal(field, body.GetProperty("field").GetString());
    }

    [Fact]
    public async Task A_tampered_cursor_is_refused()
    {
        var cursor = Cursor(await GetJsonAsync(Skeleton("news", "?limit=5")))!;
        var tampered = (cursor[5] == 'A' ? "B" : "A") is var c ? cursor[..5] + c + cursor[6..] : cursor;

        var body = await GetJsonAsync(Skeleton("news", $"?cursor={tampered}"), HttpStatusCode.BadRequest);

        Assert.Contains("start again without a cursor", body.GetProperty("error").GetString());
    }

    [Fact]
    public async Task A_cursor_of_another_feed_is_refused()
    {
        await AddFeedAsync("other");
        var cursor = Cursor(await GetJsonAsync(Skeleton("news", "?limit=5")));

        var body = await GetJsonAsync(Skeleton("other", $"?cursor={cursor}"), HttpStatusCode.BadRequest);

        Assert.Contains("another feed", body.GetProperty("error").GetString());
    }

    [Fact]
    public async Task Unknown_and_private_feeds_are_404()
    {
        await AddFeedAsync("hidden", isPublic: false);

        await GetJsonAsync(Skeleton("nothing"), HttpStatusCode.NotFound);
        var body = await GetJsonAsync(Skeleton("hidden"), HttpStatusCode.NotFound);
        Assert.Contains("no public feed 'hidden'", body.GetProperty("error").GetString());
    }

    [Fact]
    public async Task A_feed_whose_ranker_is_unknown_is_chronological_and_says_so()
    {
        await AddFeedAsync("broken", ranker: "nonexistent");

        var page = await GetJsonAsync(Skeleton("broken", "?limit=3"));

        Assert.Equal(["p25", "p24", "p23"], Posts(page));
        Assert.All(page.GetProperty("feed").EnumerateArray(), item =>
            Assert.Contains("no ranker 'nonexistent'", item.GetProperty("explanation").GetProperty("fallback").GetString()));
    }

    [Fact]
    public async Task A_feed_with_invalid_stored_parameters_is_chronological_and_says_so()
    {
        await AddFeedAsync("misconfigured", ranker: "engagement", parameters: """{"halfLifeHours":"six"}""");

        var page = await GetJsonAsync(Skeleton("misconfigured", "?limit=2"));

        Assert.Equal(["p25", "p24"], Posts(page));
        Assert.Contains("halfLifeHours", page.GetProperty("feed")[0].GetProperty("explanation").GetProperty("fallback").GetString());
    }
}

public sealed class OpenFeedSnapshotBoundTests : OpenFeedFixture
{
    protected override IReadOnlyDictionary<string, string?> Settings =>
        new Dictionary<string, string?> { ["Middleware:OpenFeeds:MaxSnapshots"] = "1" };

    [Fact]
    public async Task A_cursor_whose_snapshot_was_dropped_says_to_start_again()
    {
        await ImportPostsAsync(1, 5);
        await AddFeedAsync("one");
        await AddFeedAsync("two");
        var cursor = Cursor(await GetJsonAsync("/api/v1/feeds/one/skeleton?limit=2"));
        await GetJsonAsync("/api/v1/feeds/two/skeleton?limit=2");
        if (TestPostgresDatabase.Selected)
        {
            // On PostgreSQL a snapshot this node dropped is still read back from the database, for the
            // other nodes (ADR 0037; Cluster/SkeletonAcrossNodesTests): it is gone once its shared copy
            // has expired as well.
            await using var db = await Service.OpenDatabaseAsync();
            await db.ExecuteAsync("DELETE FROM ranked_windows WHERE kind = 'feed-snapshot'");
        }

        var body = await GetJsonAsync($"/api/v1/feeds/one/skeleton?cursor={cursor}", HttpStatusCode.BadRequest);

        Assert.Contains("expired", body.GetProperty("error").GetString());
        Assert.Contains("start again without a cursor", body.GetProperty("error").GetString());
    }

    [Fact]
    public async Task First_pages_within_the_fresh_window_reuse_the_snapshot()
    {
        await ImportPostsAsync(1, 5);
        await AddFeedAsync("one");
        var before = await GetJsonAsync("/api/v1/feeds/one/skeleton?limit=2");
        await ImportPostsAsync(6, 1);

        var after = await GetJsonAsync("/api/v1/feeds/one/skeleton?limit=2");

        Assert.Equal(Posts(before), Posts(after));
    }
}
