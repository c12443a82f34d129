using System.Text.RegularExpressions;
using Middleware.Server.Tests.ClientApi.FeedSurfaces;

namespace Middleware.Server.Tests.ClientApi.Apps;

/// <summary>Each app of <c>docs/apps.md</c> reads each surface the way its source does (paging,
/// ordering, refresh, restart) against the service, and the test says which surfaces show the
/// person the ranked order: the lists and trends in every app that talks to the service; the home
/// timeline not in Phanpy (sorted by time), Tusky (sorted by id) or Moshidon and Megalodon after a
/// restart (their cache, sorted by time).</summary>
public sealed class AppOrderingTests : FeedSurfaceFixture
{
    public static TheoryData<string, string> AppsAndSurfaces()
    {
        var data = new TheoryData<string, string>();
        foreach (var app in AppClient.All)
            foreach (var surface in new[] { "home", "mw-home", "feed-list", "trends" })
                data.Add(app.Name, surface);
        return data;
    }

    /// <summary>What <c>docs/apps.md</c> says each app shows: the ranking, or its own order.</summary>
    private static bool KeepsRanking(string app, string surface, bool afterRestart) => (app, surface) switch
    {
        ("Mastodon web", "trends") => true,
        ("Mastodon web", _) => false, // merges by id; it never reads our lists anyway (it talks to its own instance)
        ("Phanpy" or "Tusky", "home") => false,
        ("Moshidon" or "Megalodon", "home") => !afterRestart,
        _ => true,
    };

    [Theory]
    [MemberData(nameof(AppsAndSurfaces))]
    public async Task Each_app_shows_the_ranking_on_the_surfaces_that_keep_the_server_order(string appName, string surface)
    {
        var home = StandInTimeline.Statuses(Remote.BaseUrl, 30, i => i * 7 % 30);
        StandInTimeline.Serve(Home, home);
        using var http = await PersonAsync(new { feed = Feed, lists = new[] { Feed }, trends = Feed });
        var app = AppClient.All.Single(a => a.Name == appName);
        var homeRanked = home.OrderByDescending(s => (int)s["favourites_count"]!).Select(s => (string)s["id"]!).ToList();
        var (behaviour, url, ranked) = surface switch
        {
            "home" => (app.Home, "/api/v1/timelines/home?limit=10", homeRanked),
            "mw-home" => (app.Lists, "/api/v1/timelines/list/mw-home?limit=10", homeRanked),
            "feed-list" => (app.Lists, $"/api/v1/timelines/list/{FeedList}?limit=10", Ranked()),
            _ => (app.Trends, "/api/v1/trends/statuses?limit=10", Ranked()),
        };
        bool Keeps(List<Shown> view) => view.Count > 0 && view.Select(s => s.Id).SequenceEqual(ranked.Take(view.Count));
        var reader = new AppReader(http, behaviour, url);

        await reader.LoadAsync();
        Assert.Equal(KeepsRanking(appName, surface, afterRestart: false), Keeps(reader.View));
        // Where the ranking shows, every status shows once. Where it does not, statuses may even be lost:
        // Tusky's store and Mastodon web's merge drop what lies in a later page's id range (docs/apps.md).
        Assert.Equal(reader.View.Count, reader.View.DistinctBy(s => s.Id).Count());
        if (KeepsRanking(appName, surface, afterRestart: false))
            Assert.Equal(ranked, reader.View.Select(s => s.Id));

        await reader.RefreshAsync();
        Assert.Equal(KeepsRanking(appName, surface, afterRestart: false), Keeps(reader.View));

        reader.Restart();
        Assert.Equal(KeepsRanking(appName, surface, afterRestart: true), Keeps(reader.View));
    }

    [Fact]
    public void Every_ordering_rule_of_docs_apps_md_has_a_test_client()
    {
        var doc = File.ReadAllText(Path.Combine(RepositoryRoot(), "docs", "apps.md"));
        var section = doc[doc.IndexOf("## Ordering rules the tests stand for", StringComparison.Ordinal)..];
        section = section[..section.IndexOf("\n## ", 3, StringComparison.Ordinal)];
        var documented = Regex.Matches(section, @"^\d+\. \*\*(\w+)\*\*", RegexOptions.Multiline).Select(m => m.Groups[1].Value).ToList();
        var implemented = typeof(OrderingRule).Assembly.GetTypes().Where(t => t.IsSubclassOf(typeof(OrderingRule))).Select(t => t.Name).ToList();

        Assert.NotEmpty(documented);
        // GroupLocal only moves replies next to their parents on screen (Elk, Phanpy): the feeds here hold no replies.
        Assert.Empty(documented.Except(implemented).Except(["GroupLocal"]));
        Assert.Empty(implemented.Except(documented).Except([nameof(DedupeAppend)]));
        Assert.Contains("KeepOrder+DedupeAppend", section);
    }

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
            if (File.Exists(Path.Combine(directory.FullName, "docs", "apps.md")))
                return directory.FullName;
        throw new InvalidOperationException("docs/apps.md not found above " + AppContext.BaseDirectory);
    }
}
