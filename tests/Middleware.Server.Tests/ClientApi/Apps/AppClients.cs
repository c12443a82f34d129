using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using static Middleware.Server.Tests.ClientApi.HomeTimelineTests;

namespace Middleware.Server.Tests.ClientApi.Apps;

/// <summary>How an app asks for the next page (<c>docs/apps.md</c>, "Paging and refresh per app").</summary>
public enum Paging
{
    /// <summary>Follows the <c>Link</c> header's next URL (Phanpy, Elk, masto.js; Tusky takes its max_id or offset).</summary>
    LinkNext,

    /// <summary><c>max_id</c> = the id of the last status received (Ice Cubes, Moshidon, Megalodon, Mastodon web, Tusky's home).</summary>
    MaxIdOfLast,

    /// <summary><c>offset</c> = how many statuses were received (Ice Cubes, Moshidon, Megalodon trends).</summary>
    OffsetCount,
}

/// <summary>How an app shows one surface: how it pages, how it orders pages, how it refreshes, and
/// (Moshidon, Megalodon home) how it orders what it reads back from its cache after a restart.</summary>
public sealed record SurfaceBehaviour(Paging Paging, OrderingRule Order, OrderingRule Refresh, OrderingRule? FromCache = null);

/// <summary>An app, as <c>docs/apps.md</c> found it in its source. <paramref name="TalksToService"/> is
/// false for the Mastodon web interface, which only ever talks to its own instance.</summary>
public sealed record AppClient(string Name, SurfaceBehaviour Home, SurfaceBehaviour Lists, SurfaceBehaviour Trends, bool TalksToService = true)
{
    public override string ToString() => Name;

    /// <summary>The apps of <c>docs/apps.md</c>'s summary; keep the two in step.</summary>
    public static IReadOnlyList<AppClient> All { get; } =
    [
        new("Mastodon web",
            Home: new(Paging.MaxIdOfLast, new MergeById(), new MergeById()),
            Lists: new(Paging.MaxIdOfLast, new MergeById(), new MergeById()),
            Trends: new(Paging.LinkNext, new DedupeAppend(), new DedupeAppend()),
            TalksToService: false),
        new("Phanpy",
            Home: new(Paging.LinkNext, new SortPageByCreatedAtDesc(), new SortPageByCreatedAtDesc()),
            Lists: new(Paging.LinkNext, new KeepOrder(), new KeepOrder()),
            Trends: new(Paging.LinkNext, new KeepOrder(), new KeepOrder())),
        new("Elk",
            Home: new(Paging.LinkNext, new KeepOrder(), new KeepOrder()),
            Lists: new(Paging.LinkNext, new KeepOrder(), new KeepOrder()),
            Trends: new(Paging.LinkNext, new KeepOrder(), new KeepOrder())),
        new("Tusky",
            Home: new(Paging.MaxIdOfLast, new SortAllByIdDesc(), new SortAllByIdDesc()),
            Lists: new(Paging.LinkNext, new KeepOrder(), new PrependRefreshDedupe()),
            Trends: new(Paging.LinkNext, new DedupeAppend(), new PrependRefreshDedupe())),
        new("Ice Cubes",
            Home: new(Paging.MaxIdOfLast, new KeepOrder(), new PrependNewerById()),
            Lists: new(Paging.MaxIdOfLast, new KeepOrder(), new PrependNewerById()),
            Trends: new(Paging.OffsetCount, new KeepOrder(), new KeepOrder())),
        new("Moshidon",
            Home: new(Paging.MaxIdOfLast, new KeepOrder(), new KeepOrder(), FromCache: new SortCacheByCreatedAtDesc()),
            Lists: new(Paging.MaxIdOfLast, new KeepOrder(), new KeepOrder()),
            Trends: new(Paging.OffsetCount, new KeepOrder(), new KeepOrder())),
        new("Megalodon",
            Home: new(Paging.MaxIdOfLast, new KeepOrder(), new KeepOrder(), FromCache: new SortCacheByCreatedAtDesc()),
            Lists: new(Paging.MaxIdOfLast, new KeepOrder(), new KeepOrder()),
            Trends: new(Paging.OffsetCount, new KeepOrder(), new KeepOrder())),
    ];
}

/// <summary>Reads a surface of the service the way one app does and keeps what it would show.</summary>
public sealed class AppReader(HttpClient http, SurfaceBehaviour behaviour, string firstPage)
{
    public List<Shown> View { get; private set; } = [];

    /// <summary>The first page, then "load more" until the surface ends (or <paramref name="maxPages"/>).</summary>
    public async Task LoadAsync(int maxPages = 50)
    {
        View = [];
        var url = firstPage;
        var received = 0;
        for (var page = 0; page < maxPages && url is not null; page++)
        {
            var response = await http.GetAsync(url);
            var statuses = await ReadAsync(response);
            if (statuses.Count == 0)
                break;
            View = behaviour.Order.Page(View, statuses);
            received += statuses.Count;
            url = behaviour.Paging switch
            {
                Paging.LinkNext => LinkOf(response, "next"),
                Paging.MaxIdOfLast => $"{firstPage}&max_id={statuses[^1].Id}",
                _ => $"{firstPage}&offset={received}",
            };
        }
    }

    /// <summary>A pull to refresh: the first page again, without a cursor, put on screen by the refresh rule.</summary>
    public async Task RefreshAsync() => View = behaviour.Refresh.Refresh(View, await ReadAsync(await http.GetAsync(firstPage)));

    /// <summary>The app starts again and shows what it cached (only apps that re-order their cache).</summary>
    public void Restart()
    {
        if (behaviour.FromCache is { } cache)
            View = cache.Page([], View);
    }

    private static async Task<List<Shown>> ReadAsync(HttpResponseMessage response)
    {
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).EnumerateArray()
            .Select(s => new Shown(s.GetProperty("id").GetString()!, s.GetProperty("created_at").GetDateTimeOffset())).ToList();
    }
}
