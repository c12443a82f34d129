using System.Text;
using Middleware.ActivityPub.Actors;
using Middleware.Core.Accounts;
using Middleware.Core.Audit;
using Middleware.Core.Ranking;
using Middleware.Server.Operations;

namespace Middleware.Server.ClientApi;

/// <summary><c>GET /api/v1/timelines/home</c>, ranked by the person's chosen feed.</summary>
public static class HomeTimelineEndpoints
{
    public const string Path = "/api/v1/timelines/home";

    public static IEndpointRouteBuilder MapHomeTimeline(this IEndpointRouteBuilder app)
    {
        app.MapGet(Path, (HttpContext http, CancellationToken ct) => ReadAsync(http, Path, ClientScopes.ReadStatuses, ct)).TimedAs("home");
        return app;
    }

    /// <summary>The ranked home timeline served at <paramref name="path"/> (also the <c>mw-home</c>
    /// list's timeline), its <c>Link</c> URLs pointing there; the token needs one of <paramref name="scopes"/>.</summary>
    public static Task<IResult> ReadAsync(HttpContext http, string path, IReadOnlyList<string> scopes, CancellationToken ct)
    {
        var services = http.RequestServices;
        return ReadAsync(http, path, scopes, services.GetRequiredService<ClientCallers>(), services.GetRequiredService<HomeInstanceClient>(),
            services.GetRequiredService<HomeTimeline>(), services.GetRequiredService<ISignalRecorder>(), services.GetRequiredService<LocalUrls>(),
            services.GetRequiredService<IServedPositionRecorder>(), services.GetRequiredService<TimeProvider>(),
            services.GetRequiredService<ILogger<HomeTimeline>>(), ct);
    }

    /// <summary>Answers Mastodon Status entities exactly as the home instance sent them, in ranked
    /// order. Without cursors: the top of a fresh ranked window. <c>max_id</c>/<c>min_id</c> holding a
    /// rank cursor (from our <c>Link</c> header) page inside that window, and past its end in the home
    /// instance's order. A plain <c>max_id</c> naming a status of the person's latest window (apps that
    /// page with their last status's id, <c>docs/apps.md</c>) goes on after it in ranked order; any other
    /// plain <c>max_id</c> pages in the home instance's order; a plain <c>min_id</c>/<c>since_id</c> ranks
    /// only the newer statuses. <c>limit</c> is 1-40 (default 20).</summary>
    private static async Task<IResult> ReadAsync(HttpContext http, string path, IReadOnlyList<string> scopes, ClientCallers callers,
        HomeInstanceClient home, HomeTimeline timeline, ISignalRecorder signals, LocalUrls urls, IServedPositionRecorder audit,
        TimeProvider clock, ILogger<HomeTimeline> logger, CancellationToken ct)
    {
        var (caller, error) = await callers.ResolveAsync(http.Request, userRequired: true, ct, scopes);
        if (caller is null)
            return error!;
        var account = caller.Account!;
        var query = http.Request.Query;
        var limit = int.TryParse(query["limit"], out var asked) ? Math.Clamp(asked, 1, 40) : 20;
        string? maxId = query["max_id"], minId = query["min_id"], sinceId = query["since_id"];
        try
        {
            var cursor = RankCursor.Parse(maxId) ?? RankCursor.Parse(minId);
            if (maxId is not null && cursor is null)
            {
                if (await timeline.LatestHoldingAsync(account, maxId, ct) is not { } held)
                    return await PastTheWindowAsync(http, path, home, account, caller.UpstreamToken!, maxId, urls, ct);
                cursor = new RankCursor(held.Window.Id, held.Position + 1);
            }
            var window = cursor is { } c ? await timeline.FindAsync(account, c.WindowId, ct) : null;
            if (window is null)
            {
                var newerThan = cursor is null ? sinceId ?? minId : null;
                var outcome = await timeline.RankAsync(account, caller.UpstreamToken!, newerThan, ct);
                if (outcome.Refusal is { } refusal)
                    return new ForwardedAnswer(refusal);
                window = outcome.Window!;
            }

            // After the window expired, a cursor's offset is applied to a freshly ranked window.
            var (start, end) = RankCursor.Parse(minId) is { } before && maxId is null
                ? (Math.Max(0, Math.Min(before.Offset, window.Ranked.Count) - limit), Math.Min(before.Offset, window.Ranked.Count))
                : (Math.Min(cursor?.Offset ?? 0, window.Ranked.Count), Math.Min((cursor?.Offset ?? 0) + limit, window.Ranked.Count));
            if (maxId is not null && start >= window.Ranked.Count && window.OlderFromId is { } older)
                return await PastTheWindowAsync(http, path, home, account, caller.UpstreamToken!, older, urls, ct);
            var page = window.Ranked.Skip(start).Take(end - start).ToList();

            await ServedImpressions.RecordAsync(signals, account, "home", page, clock, logger, ct);
            if (window.Audit is var (feed, frame) && frame.Serve(feed, ServedSurface.Home, start, end - start, clock.GetUtcNow()) is { } served)
                audit.Record(served);
            if (Links(urls.Base + path, window, start, end, limit) is { } link)
                http.Response.Headers["Link"] = link;
            return HomeStatus.ListResult(page);
        }
        catch (UpstreamException e)
        {
            return e.ToResult();
        }
    }

    /// <summary>Past the ranked window the timeline goes on in the home instance's own order.</summary>
    private static async Task<IResult> PastTheWindowAsync(HttpContext http, string path, HomeInstanceClient home, ClientAccount account,
        string upstreamToken, string maxId, LocalUrls urls, CancellationToken ct)
    {
        var query = QueryString.Create(http.Request.Query
            .Where(q => q.Key != "max_id")
            .SelectMany(q => q.Value.Select(v => new KeyValuePair<string, string?>(q.Key, v)))
            .Append(new KeyValuePair<string, string?>("max_id", maxId)));
        var answer = await home.SendAsync(account.InstanceHost, HttpMethod.Get, Path + query, upstreamToken, null, ct);
        if (UpstreamLinks.Rewrite(answer, home.BaseUri(account.InstanceHost), urls.Base) is { } link)
            http.Response.Headers["Link"] = path == Path ? link : link.Replace(urls.Base + Path + "?", urls.Base + path + "?", StringComparison.Ordinal);
        return new ForwardedAnswer(answer);
    }

    /// <summary>next: the rest of the window, then (a cursor just past its end) the home instance's
    /// order; prev: the part of the window above this page, or (at its top) statuses newer than the window.</summary>
    private static string? Links(string url, RankedWindow window, int start, int end, int limit)
    {
        var links = new List<string>();
        var next = end < window.Ranked.Count || window.OlderFromId is not null ? new RankCursor(window.Id, end).ToString() : null;
        if (next is not null)
            links.Add($"<{url}?limit={limit}&max_id={Uri.EscapeDataString(next)}>; rel=\"next\"");
        var prev = start > 0 ? new RankCursor(window.Id, start).ToString() : window.NewestId;
        if (prev is not null)
            links.Add($"<{url}?limit={limit}&min_id={Uri.EscapeDataString(prev)}>; rel=\"prev\"");
        return links.Count > 0 ? string.Join(", ", links) : null;
    }
}
