using Dapper;
using Middleware.Core.Audit;
using Middleware.Data.Audit;

namespace Middleware.Data.Tests.Audit;

public sealed class ServedPositionStoreTests : TestDatabase
{
    private static readonly DateTimeOffset T = DateTimeOffset.Parse("2026-12-01T12:00:00Z");

    private static ServedPost Post(string id, string author = "https://a.example/users/ann") =>
        new($"https://a.example/notes/{id}", author, "a.example", "en", T.AddHours(-1), 0.25);

    private ServedPositionStore Store => new(Db);

    [Fact]
    public async Task Counts_per_post_under_the_feed_and_the_baseline_in_a_half_open_range_of_one_feed()
    {
        var (a, b, c) = (Post("a"), Post("b"), Post("c"));
        await Store.AppendAsync(
        [
            new("news", ServedSurface.Skeleton, T, [new(0, a, b), new(1, b, c)]),
            new("news", ServedSurface.Web, T.AddMinutes(59).AddSeconds(59), [new(0, a, null)]),
            new("news", ServedSurface.List, T.AddHours(1), [new(0, c, c)]),     // at `to`: outside
            new("other", ServedSurface.Skeleton, T, [new(0, c, a)]),           // another feed
        ]);

        var counted = (await Store.ExposuresAsync("news", T, T.AddHours(1))).ToDictionary(e => e.Uri);

        Assert.Equal((2, 0), (counted[a.Uri].Feed, counted[a.Uri].Baseline));
        Assert.Equal((1, 1), (counted[b.Uri].Feed, counted[b.Uri].Baseline));
        Assert.Equal((0, 1), (counted[c.Uri].Feed, counted[c.Uri].Baseline));
        Assert.Equal((a.Author, "a.example", "en", 0.25), (counted[a.Uri].Author, counted[a.Uri].Instance, counted[a.Uri].Language,
            counted[a.Uri].CoordinationScore));
        Assert.Empty(await Store.ExposuresAsync("news", T.AddDays(-2), T.AddDays(-1)));
    }

    [Fact]
    public async Task A_deleted_post_and_its_authors_flagged_groups_are_reported()
    {
        var mallory = Post("m", author: "https://b.example/users/mallory");
        await Store.AppendAsync([new("news", ServedSurface.Boost, T, [new(0, mallory, Post("a"))])]);
        await using (var connection = await Db.OpenForWriteAsync())
        {
            await connection.ExecuteAsync("INSERT INTO post_tombstones (uri, deleted_at) VALUES (@Uri, 0)", new { mallory.Uri });
            await connection.ExecuteAsync("""
                INSERT INTO coordinated_groups (id, fingerprint, kind, score, members, reasons, first_detected_at, last_detected_at, detections)
                VALUES (3, 'f3', 'co-boost', 0.9, 2, '[]', 0, 0, 1), (5, 'f5', 'co-boost', 0.9, 2, '[]', 0, 0, 1)
                """);
            await connection.ExecuteAsync("INSERT INTO coordinated_group_members (group_id, actor_uri) VALUES (5, @A), (3, @A)", new { A = mallory.Author });
        }

        var counted = (await Store.ExposuresAsync("news", T, T.AddMinutes(1))).ToDictionary(e => e.Uri);

        Assert.True(counted[mallory.Uri].Deleted);
        Assert.Equal([3L, 5L], counted[mallory.Uri].Groups);
        Assert.False(counted[Post("a").Uri].Deleted);
        Assert.Empty(counted[Post("a").Uri].Groups);
    }

    [Fact]
    public async Task A_post_served_again_keeps_one_row_with_its_latest_coordination_share()
    {
        var a = Post("a");
        await Store.AppendAsync([new("news", ServedSurface.Skeleton, T, [new(0, a, a)])]);
        await Store.AppendAsync([new("news", ServedSurface.Skeleton, T, [new(0, a with { CoordinationScore = 0.75 }, a with { CoordinationScore = 0.75 })])]);

        var only = Assert.Single(await Store.ExposuresAsync("news", T, T.AddMinutes(1)));
        Assert.Equal((2, 2, 0.75), (only.Feed, only.Baseline, only.CoordinationScore));
        await using var connection = await Db.OpenAsync();
        Assert.Equal(1L, await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM audit_posts"));
    }

    [Fact]
    public async Task A_batch_of_many_pages_is_counted_whole_under_both_orders()
    {
        // 200 pages of 30 positions over 40 posts, two feeds, every third baseline missing: on
        // PostgreSQL one upsert and one insert from arrays, on SQLite a statement per row.
        var posts = Enumerable.Range(0, 40).Select(i => Post($"p{i}")).ToList();
        var pages = Enumerable.Range(0, 200).Select(page => new ServedPage(page % 4 == 0 ? "other" : "news", ServedSurface.Skeleton, T,
            Enumerable.Range(0, 30).Select(i => new ServedPosition(i, posts[(page + i) % 40], i % 3 == 0 ? null : posts[(page + 2 * i) % 40])).ToList()))
            .ToList();
        await Store.AppendAsync(pages);

        var counted = (await Store.ExposuresAsync("news", T, T.AddMinutes(1))).ToDictionary(e => e.Uri);
        var news = pages.Where(p => p.Feed == "news").SelectMany(p => p.Positions).ToList();
        foreach (var post in posts)
        {
            var expected = (news.Count(p => p.Post.Uri == post.Uri), news.Count(p => p.Baseline?.Uri == post.Uri));
            Assert.Equal(expected, (counted[post.Uri].Feed, counted[post.Uri].Baseline));
        }
        Assert.Equal(150 * 30, counted.Values.Sum(e => e.Feed));
        Assert.Equal(50 * 30, (await Store.ExposuresAsync("other", T, T.AddMinutes(1))).Sum(e => e.Feed));
        await using var connection = await Db.OpenAsync();
        Assert.Equal(40L, await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM audit_posts"));
    }

    [Fact]
    public async Task Within_one_batch_the_coordination_share_seen_last_is_kept_whether_served_or_as_a_baseline()
    {
        var (a, b) = (Post("a"), Post("b"));
        await Store.AppendAsync(
        [
            new("news", ServedSurface.Skeleton, T, [new(0, a, b with { CoordinationScore = 0.5 })]),
            new("news", ServedSurface.Skeleton, T, [new(0, b with { CoordinationScore = 0.75 }, a with { CoordinationScore = 0.9 })]),
        ]);

        var counted = (await Store.ExposuresAsync("news", T, T.AddMinutes(1))).ToDictionary(e => e.Uri);
        Assert.Equal((1, 1, 0.9), (counted[a.Uri].Feed, counted[a.Uri].Baseline, counted[a.Uri].CoordinationScore));
        Assert.Equal((1, 1, 0.75), (counted[b.Uri].Feed, counted[b.Uri].Baseline, counted[b.Uri].CoordinationScore));
    }

    [PostgresOnlyFact]
    public async Task Two_writers_serving_the_same_posts_in_opposite_orders_do_not_deadlock()
    {
        // Two nodes' writers: each batch rewrites the same 60 posts' shares (row locks until commit),
        // one serving them in one order and the other in the reverse.
        var posts = Enumerable.Range(0, 60).Select(i => Post($"p{i}")).ToList();
        var stored = 0;
        async Task WriteAsync(bool reversed)
        {
            for (var round = 0; round < 15; round++)
            {
                var order = reversed ? Enumerable.Reverse(posts).ToList() : posts;
                var share = (round + (reversed ? 0.5 : 0)) / 100.0;
                await Store.AppendAsync([new("news", ServedSurface.Skeleton, T,
                    order.Select((p, i) => new ServedPosition(i, p with { CoordinationScore = share }, null)).ToList())]);
                Interlocked.Increment(ref stored);
            }
        }

        await Task.WhenAll(Task.Run(() => WriteAsync(false)), Task.Run(() => WriteAsync(true)));

        Assert.Equal(30, stored);
        Assert.Equal(30 * 60, (await Store.ExposuresAsync("news", T, T.AddMinutes(1))).Sum(e => e.Feed));
    }
}
