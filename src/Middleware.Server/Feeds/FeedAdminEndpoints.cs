using System.Text.Json;
using Middleware.Core.Feeds;
using Middleware.Server.Admin;
using Middleware.Server.Configuration;

namespace Middleware.Server.Feeds;

/// <summary><c>/api/admin/feeds</c>: define, change (as a new version) and retire feeds. Each feed
/// is a followable account <c>@name@host</c> whose profile says what it ranks and how.</summary>
public static class FeedAdminEndpoints
{
    public static IEndpointRouteBuilder MapFeedAdmin(this IEndpointRouteBuilder app)
    {
        var feeds = app.MapGroup("/api/admin/feeds");
        feeds.MapGet("/", async (IFeedStore store, PublicUrlProvider urls, CancellationToken ct) =>
            Results.Ok((await store.ListAsync(ct)).Select(f => FeedJson.Describe(f, urls.Urls))));
        feeds.MapGet("/{name}", async (string name, IFeedStore store, PublicUrlProvider urls, CancellationToken ct) =>
            await store.FindAsync(name, ct) is { } feed ? Results.Ok(FeedJson.Describe(feed, urls.Urls)) : NoFeed(name));
        feeds.MapGet("/{name}/versions/{version:int}", async (string name, int version, IFeedStore store, PublicUrlProvider urls, CancellationToken ct) =>
            await store.FindVersionAsync(name, version, ct) is { } feed ? Results.Ok(FeedJson.Describe(feed, urls.Urls)) : Results.NotFound(new { error = $"Feed '{name}' has no version {version}." }));
        feeds.MapPost("/", CreateAsync);
        feeds.MapPut("/{name}", UpdateAsync);
        feeds.MapDelete("/{name}", DeleteAsync);
        return app;
    }

    private static async Task<IResult> CreateAsync(JsonElement body, FeedDefinitionReader reader, IFeedStore store, FeedAccounts accounts, PublicUrlProvider urls, CancellationToken ct)
    {
        Feed feed;
        try
        {
            feed = await reader.ReadAsync(body, null, ct);
        }
        catch (FeedDefinitionException e)
        {
            return Invalid(e);
        }
        if (await accounts.IsTakenByAnotherKindAsync(feed.Name, ct))
            return Results.Conflict(new { error = $"'{feed.Name}' is the name of another account." });
        if (!await store.AddAsync(feed, ct))
            return Results.Conflict(new { error = $"A feed '{feed.Name}' exists; change it with PUT /api/admin/feeds/{feed.Name}." });
        var stored = (await store.FindAsync(feed.Name, ct))!;
        await accounts.PublishAsync(stored, ct);
        return Results.Created($"/api/admin/feeds/{stored.Name}", FeedJson.Describe(stored, urls.Urls));
    }

    private static async Task<IResult> UpdateAsync(string name, JsonElement body, FeedDefinitionReader reader, IFeedStore store, FeedAccounts accounts, PublicUrlProvider urls, CancellationToken ct) =>
        await ChangeAsync(name, body, reader, store, accounts, ct) switch
        {
            null => NoFeed(name),
            { Invalid: { } invalid } => Invalid(invalid),
            { Stored: var stored } => Results.Ok(FeedJson.Describe(stored!, urls.Urls)),
        };

    /// <summary>The save path of a changed definition, shared by <c>PUT /api/admin/feeds/{name}</c> and
    /// the admin recipe editor: checked by <see cref="FeedDefinitionReader"/>, stored as a new version
    /// and published to the feed account. Null when there is no such feed.</summary>
    public static async Task<FeedChange?> ChangeAsync(string name, JsonElement body, FeedDefinitionReader reader, IFeedStore store, FeedAccounts accounts, CancellationToken ct)
    {
        if (await store.FindAsync(name, ct) is null)
            return null;
        Feed feed;
        try
        {
            feed = await reader.ReadAsync(body, name, ct);
        }
        catch (FeedDefinitionException e)
        {
            return new FeedChange(null, e);
        }
        var stored = await store.UpdateAsync(feed, ct);
        if (stored is null)
            return null;
        await accounts.PublishAsync(stored, ct);
        return new FeedChange(stored, null);
    }

    private static async Task<IResult> DeleteAsync(string name, IFeedStore store, FeedAccounts accounts, CancellationToken ct)
    {
        if (!await store.DeleteAsync(name, ct))
            return NoFeed(name);
        await accounts.RetireAsync(name, ct);
        return Results.NoContent();
    }

    private static IResult Invalid(FeedDefinitionException e) => Results.BadRequest(new { error = e.Message, field = e.Field });

    private static IResult NoFeed(string name) => Results.NotFound(new { error = $"There is no feed '{name}'." });
}

/// <summary>A changed feed: the new version stored, or why the definition was refused.</summary>
public sealed record FeedChange(Feed? Stored, FeedDefinitionException? Invalid);
