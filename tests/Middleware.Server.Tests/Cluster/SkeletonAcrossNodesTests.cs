using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Middleware.Core.Feeds;
using Middleware.Core.Ingest;
using Middleware.Server.Tests.Feeds;
using Middleware.Server.Tests.Infrastructure;
using Middleware.Server.Tests.Ranking;
using Middleware.Tests.Shared.Postgres;

namespace Middleware.Server.Tests.Cluster;

/// <summary>A feed reader pages through the open feed API while requests land on either node: the
/// cursor node A gave out pages on through A's snapshot on node B (ADR 0037), though newer posts arrived.</summary>
public sealed class SkeletonAcrossNodesTests
{
    [PostgresFact]
    public async Task A_skeleton_cursor_from_node_A_pages_on_through_the_same_ranking_on_node_B()
    {
        await using var nodes = await TwoNodes.StartAsync();
        using var adminA = nodes.A.CreateAdminClient();
        using var readerA = nodes.A.CreateClient();
        using var readerB = nodes.B.CreateClient();
        await ConsentAsync(nodes.A);
        await ImportAsync(adminA, 0, 30);
        Assert.True(await nodes.A.Services.GetRequiredService<IFeedStore>().AddAsync(Chronological("news")));

        var first = await PageAsync(readerA, "/api/v1/feeds/news/skeleton?limit=10");
        // Newer posts: a ranking made now would put them on top and shift every page.
        await ImportAsync(adminA, 30, 5);
        var second = await PageAsync(readerB, $"/api/v1/feeds/news/skeleton?limit=10&cursor={Uri.EscapeDataString(OpenFeedFixture.Cursor(first)!)}");

        Assert.Equal(Enumerable.Range(20, 10).Reverse().Select(i => $"p{i}"), OpenFeedFixture.Posts(first));
        Assert.Equal(Enumerable.Range(10, 10).Reverse().Select(i => $"p{i}"), OpenFeedFixture.Posts(second));
    }

    [PostgresFact]
    public async Task A_cursor_for_a_ranking_nobody_stored_is_refused_on_the_other_node_with_a_problem_naming_the_cursor()
    {
        await using var nodes = await TwoNodes.StartAsync();
        Assert.True(await nodes.A.Services.GetRequiredService<IFeedStore>().AddAsync(Chronological("news")));
        // Signed with the shared key, but naming a snapshot that was never ranked.
        var forged = nodes.A.Services.GetRequiredService<Middleware.Server.Feeds.Open.SkeletonCursorCodec>()
            .Encode(new Middleware.Server.Feeds.Open.SkeletonCursor(Guid.NewGuid(), 10, 1));
        using var readerB = nodes.B.CreateClient();

        var response = await readerB.GetAsync($"/api/v1/feeds/news/skeleton?cursor={Uri.EscapeDataString(forged)}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("cursor", await response.Content.ReadAsStringAsync());
    }

    [PostgresFact]
    public async Task Snapshots_read_back_from_the_other_node_stay_within_this_nodes_bound()
    {
        await using var nodes = await TwoNodes.StartAsync(node => node.Settings["Middleware:OpenFeeds:MaxSnapshots"] = "2");
        using var adminA = nodes.A.CreateAdminClient();
        using var readerA = nodes.A.CreateClient();
        using var readerB = nodes.B.CreateClient();
        await ConsentAsync(nodes.A);
        await ImportAsync(adminA, 0, 6);
        var feeds = nodes.A.Services.GetRequiredService<IFeedStore>();
        var cursors = new List<string>();
        foreach (var name in new[] { "one", "two", "three", "four" })
        {
            Assert.True(await feeds.AddAsync(Chronological(name)));
            cursors.Add(OpenFeedFixture.Cursor(await PageAsync(readerA, $"/api/v1/feeds/{name}/skeleton?limit=2"))!);
        }

        // Every cursor still pages on at B (each snapshot is read back from the database), but B keeps two.
        foreach (var (name, cursor) in new[] { "one", "two", "three", "four" }.Zip(cursors))
        {
            var next = await PageAsync(readerB, $"/api/v1/feeds/{name}/skeleton?limit=2&cursor={Uri.EscapeDataString(cursor)}");
            Assert.Equal(["p3", "p2"], OpenFeedFixture.Posts(next));
        }

        Assert.Equal(2, nodes.B.Services.GetRequiredService<Middleware.Server.Feeds.Open.FeedSnapshotCache>().Count);
    }

    /// <summary>The test author agrees to appear in public feeds (set on node A; the database is shared).</summary>
    private static Task ConsentAsync(MiddlewareFactory node) =>
        node.Services.GetRequiredService<IChangeWriter>()
            .ApplyAsync([new RecordAuthorConsent(OpenFeedFixture.Author, Discoverable: true, Indexable: true)], null);

    private static Feed Chronological(string name) => new()
    {
        Name = name, DisplayName = name, Description = "Newest first.", Ranker = "chronological", ParametersJson = "{}",
        Public = true, CreatedAt = DateTimeOffset.UtcNow, UpdatedAt = DateTimeOffset.UtcNow,
    };

    private static async Task ImportAsync(HttpClient admin, int first, int count)
    {
        var lines = Enumerable.Range(first, count).Select(i => OpenFeedFixture.PostLine($"p{i}", 1000 - i)).ToArray();
        Assert.Equal(HttpStatusCode.OK, (await ImportTests.ImportAsync(admin, lines)).StatusCode);
    }

    private static async Task<JsonElement> PageAsync(HttpClient reader, string path)
    {
        var response = await reader.GetAsync(path);
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }
}
