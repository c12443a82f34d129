using System.Diagnostics;
using System.Text.Json;
using Middleware.Interop.Tests.Peer;
using Middleware.Interop.Tests.Service;
using Middleware.Interop.Tests.Support;

namespace Middleware.Interop.Tests.ClientApi;

/// <summary>Feeds read as lists and as trends (ADR 0023) through real Mastodon client libraries
/// (masto.js and megalodon from npm) against the real service: a feed ranks posts that the stand-in
/// home instance knows under its own ids; the library finds the feed in <c>GET /api/v1/lists</c> next
/// to the instance's own list, and pages its list timeline and the trends to the end the way the
/// library does (<c>tests/interop/peer/clients/feed-surfaces.mjs</c>).</summary>
public sealed class FeedSurfaceLibraryTests
{
    [Theory]
    [InlineData("megalodon")]
    [InlineData("masto")]
    public async Task A_library_reads_a_feed_as_a_list_and_as_trends_in_the_feeds_order_to_the_end(string library)
    {
        var root = RepositoryRoot.Locate();
        await PeerInstaller.EnsureInstalledAsync(root, CancellationToken.None);
        await using var service = await MiddlewareProcess.StartAsync();
        var url = service.BaseUrl.ToString().TrimEnd('/');
        var adminToken = service.Admin.DefaultRequestHeaders.Authorization!.Parameter!;

        var (exitCode, output, errors) = await ClientScript.RunAsync("node",
            Path.Combine(root, "tests", "interop", "peer", "clients", "feed-surfaces.mjs"), url, library, adminToken);

        Assert.True(exitCode == 0, $"{library} failed ({exitCode}):\n{errors}\n{service.Log}");
        using var result = JsonDocument.Parse(output);
        var json = result.RootElement;
        var feed = json.GetProperty("feed").GetString();
        var expected = Strings(json.GetProperty("expected"));
        var orders = json.GetProperty("orders");
        // The feed's order is its own: neither the home instance's ids nor its creation times give it.
        Assert.NotEqual(Strings(orders.GetProperty("byId")), expected);
        Assert.NotEqual(Strings(orders.GetProperty("byCreatedAt")), expected);

        // The instance's own list first, then ours: the ranked home timeline and the feed.
        var lists = json.GetProperty("lists").EnumerateArray().Select(l => l.GetProperty("id").GetString()).ToList();
        Assert.Equal(["7", "mw-home", $"mw-feed-{feed}"], lists);

        // The feed's ranking, every post the home instance finds exactly once; the two it cannot serve
        // (unknown there, or its search answers with another post) are left out, and paging ends.
        AssertRead(json.GetProperty("list"), expected, pages: 5, "list (limit 8)");
        AssertRead(json.GetProperty("trends"), expected, pages: 8, "trends (limit 5)");
        if (json.GetProperty("listByStatusId") is { ValueKind: JsonValueKind.Object } byStatusId)
            AssertRead(byStatusId, expected, pages: 6, "list paged by the last status id (limit 7)");

        // mw-home is the ranked home timeline; the instance's own list "7" is the instance's, passed through.
        foreach (var name in new[] { "home", "ownList" })
        {
            var read = json.GetProperty(name);
            Assert.Equal(Strings(read.GetProperty("expected")), Strings(read.GetProperty("ids")));
        }

        // The first time a post is searched for at the home instance, afterwards it is fetched by id.
        var calls = json.GetProperty("calls");
        Assert.Equal([1], calls.GetProperty("searchesPerFoundPost").EnumerateArray().Select(e => e.GetInt32()));
        Assert.True(calls.GetProperty("statusIds").GetInt32() >= expected.Count, calls.GetRawText());
        Assert.True(calls.GetProperty("searchesForUnknown").GetInt32() >= 1, calls.GetRawText());
        Assert.True(calls.GetProperty("searchesForImposter").GetInt32() >= 1, calls.GetRawText());
        // A post whose author does not consent to discovery is never offered, so never looked up.
        Assert.Equal(0, calls.GetProperty("searchesForSentinel").GetInt32());
    }

    private static void AssertRead(JsonElement read, List<string?> expected, int pages, string what)
    {
        var ids = Strings(read.GetProperty("ids"));
        Assert.True(ids.Count == ids.Distinct().Count(), $"{what}: duplicates in {string.Join(",", ids)}");
        Assert.True(expected.SequenceEqual(ids), $"{what}:\nexpected {string.Join(",", expected)}\nread     {string.Join(",", ids)}");
        Assert.True(read.GetProperty("pages").GetInt32() <= pages, $"{what}: {read.GetProperty("pages")} pages, at most {pages} expected");
    }

    private static List<string?> Strings(JsonElement array) => array.EnumerateArray().Select(e => e.GetString()).ToList();
}
