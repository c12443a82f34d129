using Microsoft.AspNetCore.Http;

namespace Middleware.Server.Tests.ClientApi;

/// <summary>A home timeline at the stand-in instance: statuses in Mastodon's documented Status
/// shape, paged by max_id/since_id/min_id with Link headers, as Mastodon pages.</summary>
public static class StandInTimeline
{
    public static readonly DateTimeOffset Newest = DateTimeOffset.UtcNow.AddMinutes(-1);

    /// <summary><paramref name="count"/> statuses, ids 1000+count down to 1001; status i (0 newest)
    /// has <paramref name="favourites"/>(i) favourites.</summary>
    public static List<Dictionary<string, object?>> Statuses(string baseUrl, int count, Func<int, int> favourites) =>
        Enumerable.Range(0, count).Select(i => Status(baseUrl, (1000 + count - i).ToString(), Newest.AddMinutes(-i), favourites(i))).ToList();

    public static Dictionary<string, object?> Status(string baseUrl, string id, DateTimeOffset at, int favourites, string author = "bob") => new()
    {
        ["id"] = id, ["created_at"] = at.ToString("yyyy-MM-ddTHH:mm:ss.fffZ"), ["in_reply_to_id"] = null,
        ["in_reply_to_account_id"] = null, ["sensitive"] = false, ["spoiler_text"] = "", ["visibility"] = "public",
        ["language"] = "en", ["uri"] = $"{baseUrl}/users/{author}/statuses/{id}", ["url"] = $"{baseUrl}/@{author}/{id}",
        ["replies_count"] = 0, ["reblogs_count"] = 0, ["favourites_count"] = favourites, ["favourited"] = false,
        ["reblogged"] = false, ["muted"] = false, ["bookmarked"] = false, ["content"] = $"<p>Status {id}</p>", ["reblog"] = null,
        ["application"] = null, ["media_attachments"] = Array.Empty<object>(), ["mentions"] = Array.Empty<object>(),
        ["tags"] = Array.Empty<object>(), ["emojis"] = Array.Empty<object>(), ["card"] = null, ["poll"] = null,
        ["account"] = new Dictionary<string, object?>
        {
            ["id"] = author, ["username"] = author, ["acct"] = author, ["display_name"] = author,
            ["url"] = $"{baseUrl}/@{author}", ["uri"] = $"{baseUrl}/users/{author}", ["avatar"] = $"{baseUrl}/a.png",
        },
    };

    /// <summary>Serves the statuses (newest first) at /api/v1/timelines/home for the upstream token.</summary>
    public static void Serve(MastodonStandIn home, IReadOnlyList<Dictionary<string, object?>> statuses) =>
        home.Server.Route("/api/v1/timelines/home", context => MastodonStandIn.Authorized(context, () => PageAsync(context, home, statuses)));

    private static async Task PageAsync(HttpContext context, MastodonStandIn home, IReadOnlyList<Dictionary<string, object?>> statuses)
    {
        var q = context.Request.Query;
        var limit = int.TryParse(q["limit"], out var l) ? Math.Clamp(l, 1, 40) : 20;
        static long Id(Dictionary<string, object?> s) => long.Parse((string)s["id"]!);
        IEnumerable<Dictionary<string, object?>> chosen = statuses;
        if (long.TryParse(q["max_id"], out var max))
            chosen = chosen.Where(s => Id(s) < max);
        if (long.TryParse(q["since_id"], out var since))
            chosen = chosen.Where(s => Id(s) > since);
        var page = long.TryParse(q["min_id"], out var min)
            ? chosen.Where(s => Id(s) > min).Reverse().Take(limit).Reverse().ToList()
            : chosen.Take(limit).ToList();
        if (page.Count > 0)
        {
            var path = $"{home.Server.BaseUrl}/api/v1/timelines/home?limit={limit}";
            context.Response.Headers["Link"] = $"<{path}&max_id={page[^1]["id"]}>; rel=\"next\", <{path}&min_id={page[0]["id"]}>; rel=\"prev\"";
        }
        await MastodonStandIn.Json(context, page);
    }
}
