using System.Net;
using System.Text.Json.Nodes;
using Middleware.ActivityPub.Actors;
using Middleware.ActivityPub.Streams;
using Middleware.Core.Actors;
using Middleware.Core.Follows;
using Middleware.Server.Configuration;

namespace Middleware.Server.Federation;

/// <summary>Actor documents and their collections. ActivityPub clients get JSON; browsers a page.</summary>
public static class ActorEndpoints
{
    public static IEndpointRouteBuilder MapActors(this IEndpointRouteBuilder app)
    {
        app.MapGet("/actor", (HttpContext http, ILocalActorStore actors, ActivityWriter writer, CancellationToken ct) =>
            ActorAsync(http, LocalUrls.InstanceActorName, actors, writer, ct));
        app.MapGet("/users/{username}", (string username, HttpContext http, ILocalActorStore actors, ActivityWriter writer, CancellationToken ct) =>
            username == LocalUrls.InstanceActorName ? Task.FromResult(Results.NotFound()) : ActorAsync(http, username, actors, writer, ct));
        app.MapGet("/@{username}", (string username, ILocalActorStore actors, CancellationToken ct) =>
            ProfilePageAsync(username, actors, ct));
        app.MapGet("/users/{username}/followers", (string username, PublicUrlProvider urls, ILocalActorStore actors, IFollowerStore followers, CancellationToken ct) =>
            CollectionAsync(username, urls.Urls.Followers(username), actors, ct, () => followers.CountAsync(username, ct)));
        app.MapGet("/users/{username}/following", (string username, PublicUrlProvider urls, ILocalActorStore actors, CancellationToken ct) =>
            CollectionAsync(username, urls.Urls.Following(username), actors, ct, () => Task.FromResult(0)));
        app.MapGet("/users/{username}/outbox", (string username, PublicUrlProvider urls, ILocalActorStore actors, CancellationToken ct) =>
            CollectionAsync(username, urls.Urls.Outbox(username), actors, ct, () => Task.FromResult(0)));
        return app;
    }

    /// <summary>True when the client asked for an ActivityPub representation.</summary>
    internal static bool WantsActivityJson(HttpRequest request)
    {
        var accept = request.Headers.Accept.ToString();
        return accept.Contains("application/activity+json", StringComparison.OrdinalIgnoreCase)
               || accept.Contains("application/ld+json", StringComparison.OrdinalIgnoreCase)
               || accept.Contains("application/json", StringComparison.OrdinalIgnoreCase);
    }

    internal static IResult ActivityJson(JsonNode node) => Results.Text(node.ToJsonString(ActivityStreams.WriteOptions), $"{ActivityStreams.ActivityJson}; charset=utf-8");

    private static async Task<IResult> ActorAsync(HttpContext http, string username, ILocalActorStore actors, ActivityWriter writer, CancellationToken ct)
    {
        var actor = await actors.FindAsync(username, ct);
        if (actor is null)
            return Results.NotFound();
        http.Response.Headers.Vary = "Accept";
        if (!WantsActivityJson(http.Request))
            return ProfilePage(actor);
        return ActivityJson(writer.ActorDocument(actor));
    }

    private static async Task<IResult> ProfilePageAsync(string username, ILocalActorStore actors, CancellationToken ct)
    {
        var actor = await actors.FindAsync(username, ct);
        return actor is null ? Results.NotFound() : ProfilePage(actor);
    }

    private static IResult ProfilePage(LocalActor actor)
    {
        var html = $"""
            <!doctype html>
            <html lang="en"><head><meta charset="utf-8"><title>{WebUtility.HtmlEncode(actor.DisplayName)}</title></head>
            <body><h1>{WebUtility.HtmlEncode(actor.DisplayName)}</h1><p>@{WebUtility.HtmlEncode(actor.Username)}</p>
            <div>{WebUtility.HtmlEncode(actor.Summary)}</div></body></html>
            """;
        return Results.Content(html, "text/html; charset=utf-8");
    }

    private static async Task<IResult> CollectionAsync(string username, string id, ILocalActorStore actors, CancellationToken ct, Func<Task<int>> count)
    {
        if (await actors.FindAsync(username, ct) is null)
            return Results.NotFound();
        // Only the size is published; who follows a feed is nobody else's business (as Mastodon
        // does when followers are hidden).
        return ActivityJson(new JsonObject
        {
            ["@context"] = ActivityStreams.Context,
            ["id"] = id,
            ["type"] = "OrderedCollection",
            ["totalItems"] = await count(),
        });
    }
}
