using Microsoft.Extensions.Options;
using Middleware.Core.Accounts;
using Middleware.ActivityPub.Actors;
using Middleware.Core.Feeds;

namespace Middleware.Server.ClientApi.FeedSurfaces;

/// <summary><c>GET /api/v1/trends/statuses</c> from a feed (ADR 0023), so that "Explore → Posts" in any
/// app shows it in the feed's order: the feed the person chose for it (<c>trends</c> in the ranking
/// preference), else the instance's default (<c>ClientApi:TrendsFeed</c>); without either (or when the
/// feed is no longer offered) the home instance's own trends, passed through.</summary>
public static class TrendEndpoints
{
    /// <summary>The surface name of trends windows.</summary>
    public const string Surface = "trends";

    /// <summary>Our own query member in the <c>Link</c> URLs: the window the offsets count in.</summary>
    private const string WindowParameter = "mw_window";

    private const string Path = "/api/v1/trends/statuses";

    public static IEndpointRouteBuilder MapFeedTrends(this IEndpointRouteBuilder app)
    {
        app.MapGet(Path, ReadAsync);
        return app;
    }

    /// <summary>Mastodon pages trends by <c>offset</c> (the number of statuses the app already has) and
    /// <c>limit</c> (1-40, default 20). Offset 0 opens a new window of the feed's ranking; a later offset
    /// goes on in the window the <c>Link</c> URL names (or the person's latest): from the status served
    /// at that offset, or, at or past the end of what was served, after the last post looked at. A
    /// window the service no longer knows gives an empty page.</summary>
    private static async Task<IResult> ReadAsync(HttpContext http, ClientCallers callers, IFeedStore feeds, FeedWindows windows,
        LocalUrls urls, IOptions<ClientApiOptions> options, CancellationToken ct)
    {
        var (caller, error) = await callers.ResolveAsync(http.Request, userRequired: true, ct);
        if (caller is null)
            return error!;
        var account = caller.Account!;
        if (await TrendsFeedAsync(account, feeds, options.Value, ct) is not { } feed)
            return await PassThroughEndpoints.ForwardAsync(http, ct);

        var query = http.Request.Query;
        var limit = int.TryParse(query["limit"], out var asked) ? Math.Clamp(asked, 1, 40) : 20;
        var offset = int.TryParse(query["offset"], out var given) ? Math.Max(0, given) : 0;
        var named = query[WindowParameter].FirstOrDefault();
        try
        {
            var window = named is not null ? windows.Find(account.Id, named)
                : offset == 0 ? await windows.OpenAsync(caller, feed, Surface, null, ct)
                : windows.Latest(account.Id, Surface);
            if (window is null || window.Surface != Surface)
                return HomeStatus.ListResult([]);
            var from = window.PositionOfServed(offset) ?? window.Examined;
            var page = await windows.ServeAsync(caller, window, from, limit, ct);
            var url = $"{urls.Base}{Path}?limit={limit}&{WindowParameter}={window.Id}";
            var links = new List<string>();
            if (page.Next < window.PostUris.Count)
                links.Add($"<{url}&offset={offset + page.Statuses.Count}>; rel=\"next\"");
            if (offset > 0)
                links.Add($"<{url}&offset={Math.Max(0, offset - limit)}>; rel=\"prev\"");
            if (links.Count > 0)
                http.Response.Headers["Link"] = string.Join(", ", links);
            return HomeStatus.ListResult(page.Statuses);
        }
        catch (UpstreamException e)
        {
            return e.ToResult();
        }
    }

    /// <summary>The person's trends feed, else the instance's default, when it is still offered.</summary>
    public static async Task<Feed?> TrendsFeedAsync(ClientAccount account, IFeedStore feeds, ClientApiOptions options, CancellationToken ct)
    {
        foreach (var name in new[] { account.Preference.TrendsFeed, options.TrendsFeed })
        {
            if (!string.IsNullOrWhiteSpace(name) && await feeds.FindAsync(name, ct) is { Public: true } feed)
                return feed;
        }
        return null;
    }
}
