using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Middleware.Core.Accounts;
using Middleware.Core.Feeds;
using Middleware.Server.Operations;

namespace Middleware.Server.ClientApi.FeedSurfaces;

/// <summary>Feeds as lists (ADR 0023). Apps show a list timeline in the order the server sends it,
/// where many re-sort the home timeline (<c>docs/apps.md</c>), so the person's ranked home timeline
/// (<c>mw-home</c>) and the feeds they chose to read (<c>mw-feed-{name}</c>) appear in
/// <c>GET /api/v1/lists</c> after their own lists from the home instance. Every list id that is not
/// ours goes to the home instance unchanged; ours never do.</summary>
public static class FeedListEndpoints
{
    public static IEndpointRouteBuilder MapFeedLists(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/lists", ListAsync);
        app.MapGet("/api/v1/lists/{id}", ShowAsync);
        app.MapMethods("/api/v1/lists/{id}", ["PUT", "PATCH", "DELETE"], WriteAsync).DisableAntiforgery();
        app.MapGet("/api/v1/lists/{id}/accounts", AccountsAsync);
        app.MapMethods("/api/v1/lists/{id}/accounts", ["POST", "DELETE"], WriteAsync).DisableAntiforgery();
        app.MapGet("/api/v1/timelines/list/{id}", TimelineAsync).TimedAs("list");
        return app;
    }

    /// <summary>One of the service's lists: the ranked home timeline, or a feed.</summary>
    private sealed record FeedList(string Id, string Title, Feed? Feed);

    /// <summary>The home instance's lists unchanged, then ours. The instance's refusal (or failure) is
    /// passed on as it came, so an app never shows our lists as if they were all the person has.</summary>
    private static async Task<IResult> ListAsync(HttpContext http, ClientCallers callers, HomeInstanceClient home, IFeedStore feeds,
        CancellationToken ct)
    {
        var (caller, error) = await callers.ResolveAsync(http.Request, userRequired: true, ct, ClientScopes.ReadLists);
        if (caller is null)
            return error!;
        var account = caller.Account!;
        try
        {
            var answer = await home.SendAsync(account.InstanceHost, HttpMethod.Get, "/api/v1/lists" + http.Request.QueryString,
                caller.UpstreamToken, null, ct);
            if (answer.Status is < 200 or > 299)
                return new ForwardedAnswer(answer);
            JsonArray lists;
            try
            {
                lists = JsonNode.Parse(answer.Body) as JsonArray
                        ?? throw new UpstreamException(502, $"The home instance {account.InstanceHost} answered its lists with something that is not a list.");
            }
            catch (JsonException e)
            {
                throw new UpstreamException(502, $"The home instance {account.InstanceHost} answered its lists with something that is not JSON.", e);
            }
            foreach (var list in await OursAsync(account, feeds, ct))
                lists.Add(Entity(list));
            return Results.Text(lists.ToJsonString(), "application/json; charset=utf-8", Encoding.UTF8);
        }
        catch (UpstreamException e)
        {
            return e.ToResult();
        }
    }

    private static async Task<IResult> ShowAsync(HttpContext http, string id, ClientCallers callers, IFeedStore feeds, CancellationToken ct)
    {
        if (!FeedListIds.IsOurs(id))
            return await PassThroughEndpoints.ForwardAsync(http, ct);
        var (caller, error) = await callers.ResolveAsync(http.Request, userRequired: true, ct, ClientScopes.ReadLists);
        if (caller is null)
            return error!;
        return await FindAsync(caller.Account!, id, feeds, ct) is { } list ? Results.Json(Entity(list)) : FeedListIds.NotFound();
    }

    /// <summary>A feed-list has no member accounts of its own: its posts are the feed's.</summary>
    private static async Task<IResult> AccountsAsync(HttpContext http, string id, ClientCallers callers, IFeedStore feeds, CancellationToken ct)
    {
        if (!FeedListIds.IsOurs(id))
            return await PassThroughEndpoints.ForwardAsync(http, ct);
        var (caller, error) = await callers.ResolveAsync(http.Request, userRequired: true, ct, ClientScopes.ReadLists);
        if (caller is null)
            return error!;
        return await FindAsync(caller.Account!, id, feeds, ct) is null ? FeedListIds.NotFound() : Results.Json(Array.Empty<object>());
    }

    /// <summary>Renaming, deleting, adding or removing accounts: the instance's lists as usual; a
    /// feed-list is chosen in the ranking preference, so a change here is refused in plain words.</summary>
    private static async Task<IResult> WriteAsync(HttpContext http, string id, ClientCallers callers, IFeedStore feeds, CancellationToken ct)
    {
        if (!FeedListIds.IsOurs(id))
            return await PassThroughEndpoints.ForwardAsync(http, ct);
        var (caller, error) = await callers.ResolveAsync(http.Request, userRequired: true, ct, ClientScopes.WriteLists);
        if (caller is null)
            return error!;
        if (await FindAsync(caller.Account!, id, feeds, ct) is not { } list)
            return FeedListIds.NotFound();
        var what = list.Feed is null
            ? "This list is your home timeline ranked by Middleware; it cannot be changed here. Choose how your home timeline is ranked in your Middleware settings (PUT /api/v1/preferences/ranking)."
            : $"This list is the feed '{list.Feed.Name}' of Middleware; it cannot be changed here. Add or remove feeds in your Middleware settings (PUT /api/v1/preferences/ranking, \"lists\").";
        return Results.Json(new { error = what }, statusCode: StatusCodes.Status422UnprocessableEntity);
    }

    /// <summary>The list's statuses: the ranked home timeline for <c>mw-home</c>, a feed's ranking for
    /// <c>mw-feed-…</c> (<see cref="FeedListTimeline"/>), the home instance's list otherwise.</summary>
    private static async Task<IResult> TimelineAsync(HttpContext http, string id, ClientCallers callers, IFeedStore feeds,
        FeedListTimeline timeline, CancellationToken ct)
    {
        if (!FeedListIds.IsOurs(id))
            return await PassThroughEndpoints.ForwardAsync(http, ct);
        var path = "/api/v1/timelines/list/" + id;
        if (id == FeedListIds.Home)
        {
            // The scope and the token are checked first, as everywhere; a person without a ranked home has no such list.
            var (caller, error) = await callers.ResolveAsync(http.Request, userRequired: true, ct, ClientScopes.ReadLists);
            if (caller is null)
                return error!;
            return await FindAsync(caller.Account!, id, feeds, ct) is null
                ? FeedListIds.NotFound()
                : await HomeTimelineEndpoints.ReadAsync(http, path, ClientScopes.ReadLists, ct);
        }
        var (reader, refusal) = await callers.ResolveAsync(http.Request, userRequired: true, ct, ClientScopes.ReadLists);
        if (reader is null)
            return refusal!;
        if (await FindAsync(reader.Account!, id, feeds, ct) is not { Feed: { } feed })
            return FeedListIds.NotFound();
        return await timeline.ReadAsync(http, reader, feed, id, path, ct);
    }

    /// <summary>The person's lists from the service: the ranked home timeline when they chose a feed
    /// or a ranker for it, then each feed they read as a list that is still offered.</summary>
    private static async Task<List<FeedList>> OursAsync(ClientAccount account, IFeedStore feeds, CancellationToken ct)
    {
        var preference = account.Preference;
        var lists = new List<FeedList>();
        if (preference.RanksHome)
        {
            var homeFeed = preference.Feed is { } name ? await feeds.FindAsync(name, ct) : null;
            lists.Add(new FeedList(FeedListIds.Home, homeFeed is { Public: true }
                ? $"Home, ranked by {homeFeed.DisplayName}"
                : $"Home, ranked ({preference.Ranker})", null));
        }
        foreach (var name in preference.Lists)
        {
            if (await feeds.FindAsync(name, ct) is { Public: true } feed)
                lists.Add(new FeedList(FeedListIds.ForFeed(feed.Name), feed.DisplayName, feed));
        }
        return lists;
    }

    private static async Task<FeedList?> FindAsync(ClientAccount account, string id, IFeedStore feeds, CancellationToken ct) =>
        (await OursAsync(account, feeds, ct)).FirstOrDefault(l => l.Id == id);

    /// <summary>Mastodon's List entity. <c>replies_policy</c> "list" and <c>exclusive</c> false say
    /// nothing is hidden from the home timeline because of it.</summary>
    private static JsonObject Entity(FeedList list) => new()
    {
        ["id"] = list.Id,
        ["title"] = list.Title,
        ["replies_policy"] = "list",
        ["exclusive"] = false,
    };
}
