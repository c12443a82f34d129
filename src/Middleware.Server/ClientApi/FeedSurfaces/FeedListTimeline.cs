using Middleware.ActivityPub.Actors;
using Middleware.Core.Feeds;

namespace Middleware.Server.ClientApi.FeedSurfaces;

/// <summary><c>GET /api/v1/timelines/list/mw-feed-{name}</c>: a feed's ranking as the person's home
/// instance's statuses, paged in the feed's order.
/// <list type="bullet">
/// <item>No cursor: a new window of the feed's current ranking, from its top.</item>
/// <item><c>max_id=rk-{window}-{n}</c> (our next link): that window from position n. A plain status id
/// (apps that page with their last status's id): after where that status was served.</item>
/// <item><c>min_id</c>/<c>since_id</c> = <c>rk-{window}-{n}</c>, n &gt; 0 (our prev link): the page above n.</item>
/// <item>A refresh (<c>min_id</c>/<c>since_id</c> at a window's top, or a plain status id): only the posts
/// the ranking now holds that the person's windows did not, in the feed's order.</item>
/// </list>
/// A window or status the service no longer knows ends the list (an empty page): paging never
/// repeats what was served.</summary>
public sealed class FeedListTimeline(FeedWindows windows, LocalUrls urls)
{
    public async Task<IResult> ReadAsync(HttpContext http, ClientCaller caller, Feed feed, string listId, string path, CancellationToken ct)
    {
        var account = caller.Account!;
        var query = http.Request.Query;
        var limit = int.TryParse(query["limit"], out var asked) ? Math.Clamp(asked, 1, 40) : 20;
        string? maxId = query["max_id"], newer = query["min_id"].FirstOrDefault() ?? query["since_id"].FirstOrDefault();
        try
        {
            FeedWindow? window;
            FeedPage page;
            int start;
            if (maxId is not null)
            {
                (window, start) = RankCursor.Parse(maxId) is { } cursor
                    ? (Own(windows.Find(account.Id, cursor.WindowId), listId), cursor.Offset)
                    : windows.Latest(account.Id, listId)?.Locate(maxId) is { } served ? (served.Window, served.Position + 1) : (null, 0);
                if (window is null)
                    return Answer(http, [], null);
                page = await windows.ServeAsync(caller, window, start, limit, ct);
            }
            else if (RankCursor.Parse(newer) is { Offset: > 0 } above)
            {
                window = Own(windows.Find(account.Id, above.WindowId), listId);
                if (window is null)
                    return Answer(http, [], null);
                start = Math.Max(0, Math.Min(above.Offset, window.PostUris.Count) - limit);
                page = await windows.ServeAsync(caller, window, start, above.Offset, limit, ct);
            }
            else if (newer is not null)
            {
                var refreshed = RankCursor.Parse(newer) is { } top ? Own(windows.Find(account.Id, top.WindowId), listId) : windows.Latest(account.Id, listId);
                if (refreshed is null)
                    return Answer(http, [], null);
                window = await windows.OpenAsync(caller, feed, listId, refreshed, ct);
                (start, page) = (0, await windows.ServeAsync(caller, window, 0, limit, ct));
                // A refresh goes on upwards only: the app already holds what lies below.
                return Answer(http, page.Statuses, Link(path, limit, "min_id", new RankCursor(window.Id, 0), "prev"));
            }
            else
            {
                window = await windows.OpenAsync(caller, feed, listId, null, ct);
                (start, page) = (0, await windows.ServeAsync(caller, window, 0, limit, ct));
            }
            var links = new List<string>();
            if (page.Next < window.PostUris.Count)
                links.Add(Link(path, limit, "max_id", new RankCursor(window.Id, page.Next), "next"));
            links.Add(Link(path, limit, "min_id", new RankCursor(window.Id, start), "prev"));
            return Answer(http, page.Statuses, string.Join(", ", links));
        }
        catch (UpstreamException e)
        {
            return e.ToResult();
        }
    }

    /// <summary>Only the list's own windows: a cursor of another list (or trends) starts nothing here.</summary>
    private static FeedWindow? Own(FeedWindow? window, string listId) => window?.Surface == listId ? window : null;

    private string Link(string path, int limit, string name, RankCursor cursor, string rel) =>
        $"<{urls.Base}{path}?limit={limit}&{name}={Uri.EscapeDataString(cursor.ToString())}>; rel=\"{rel}\"";

    private static IResult Answer(HttpContext http, IReadOnlyList<HomeStatus> statuses, string? link)
    {
        if (link is not null)
            http.Response.Headers["Link"] = link;
        return HomeStatus.ListResult(statuses);
    }
}
