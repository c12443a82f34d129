using Microsoft.AspNetCore.Http;

namespace Middleware.Server.Tests.ClientApi;

/// <summary>Whom alice follows at the stand-in instance: <c>GET /api/v1/accounts/109/following</c>
/// answering Mastodon's documented Account entities, newest follow first, paged as Mastodon pages
/// (<c>limit</c> up to 80, default 40; <c>max_id</c> in the <c>Link</c> header's next URL, which is
/// given while a page is full).</summary>
public static class StandInFollowing
{
    public const string Path = "/api/v1/accounts/109/following";

    /// <summary>A remote account as Mastodon describes it; <paramref name="actorUri"/> null leaves out
    /// <c>uri</c> (as an older or odd server might).</summary>
    public static Dictionary<string, object?> Account(string id, string? actorUri)
    {
        var username = actorUri is null ? $"user{id}" : actorUri.Split('/')[^1];
        var host = actorUri is null ? "odd.example" : new Uri(actorUri).Host;
        var account = new Dictionary<string, object?>
        {
            ["id"] = id, ["username"] = username, ["acct"] = $"{username}@{host}", ["display_name"] = username,
            ["locked"] = false, ["bot"] = false, ["discoverable"] = true, ["group"] = false,
            ["created_at"] = "2024-01-01T00:00:00.000Z", ["note"] = "", ["url"] = $"https://{host}/@{username}",
            ["avatar"] = $"https://{host}/a.png", ["avatar_static"] = $"https://{host}/a.png", ["header"] = "", ["header_static"] = "",
            ["followers_count"] = 1, ["following_count"] = 1, ["statuses_count"] = 1, ["last_status_at"] = "2024-01-01",
            ["emojis"] = Array.Empty<object>(), ["fields"] = Array.Empty<object>(),
        };
        if (actorUri is not null)
            account["uri"] = actorUri;
        return account;
    }

    /// <summary>Serves <paramref name="accounts"/> (newest follow first) for the upstream token; the
    /// follow ids used for paging run from accounts.Count down to 1.</summary>
    public static void Serve(MastodonStandIn home, IReadOnlyList<Dictionary<string, object?>> accounts) =>
        home.Server.Route(Path, context => MastodonStandIn.Authorized(context, () => PageAsync(context, home, accounts)));

    /// <summary>Serves <paramref name="actorUris"/> as accounts with those actor ids.</summary>
    public static void Serve(MastodonStandIn home, IEnumerable<string> actorUris) =>
        Serve(home, actorUris.Select((uri, i) => Account($"{500 + i}", uri)).ToList());

    private static async Task PageAsync(HttpContext context, MastodonStandIn home, IReadOnlyList<Dictionary<string, object?>> accounts)
    {
        var q = context.Request.Query;
        var limit = int.TryParse(q["limit"], out var l) ? Math.Clamp(l, 1, 80) : 40;
        var followIds = Enumerable.Range(0, accounts.Count).Select(i => accounts.Count - i).ToList();
        var from = long.TryParse(q["max_id"], out var max) ? followIds.FindIndex(id => id < max) : 0;
        var page = from < 0 ? [] : Enumerable.Range(from, Math.Min(limit, accounts.Count - from)).ToList();
        if (page.Count == limit)
            context.Response.Headers["Link"] =
                $"<{home.Server.BaseUrl}{Path}?limit={limit}&max_id={followIds[page[^1]]}>; rel=\"next\", " +
                $"<{home.Server.BaseUrl}{Path}?limit={limit}&since_id={followIds[page[0]]}>; rel=\"prev\"";
        await MastodonStandIn.Json(context, page.Select(i => accounts[i]).ToList());
    }
}
