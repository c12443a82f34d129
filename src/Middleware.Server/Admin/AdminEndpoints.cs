using System.Text.RegularExpressions;
using Middleware.ActivityPub.Actors;
using Middleware.Core.Actors;
using Middleware.Core.Delivery;
using Middleware.Core.Ingest;
using Middleware.Core.Posts;
using Middleware.Core.Sources;
using Middleware.Server.Configuration;
using Middleware.Server.Sources;

namespace Middleware.Server.Admin;

/// <summary>The admin API under <c>/api/admin</c>: sources, stored posts, feed actors, counts.</summary>
public static partial class AdminEndpoints
{
    public static IEndpointRouteBuilder MapAdmin(this IEndpointRouteBuilder app)
    {
        var admin = app.MapGroup("/api/admin");

        admin.MapPost("/sources", async (SourceRequest request, SourceSubscriptions subscriptions, CancellationToken ct) =>
        {
            var result = await subscriptions.AddAsync(request, ct);
            return result.Status switch
            {
                201 => Results.Created($"/api/admin/sources/{result.Source!.Id}", SourceJson(result.Source)),
                409 => Results.Json(new { error = result.Error, source = SourceJson(result.Source!) }, statusCode: 409),
                _ => Results.Json(new { error = result.Error }, statusCode: result.Status),
            };
        });
        admin.MapGet("/sources", async (ISourceStore sources, CancellationToken ct) =>
            Results.Ok((await sources.ListAsync(ct)).Select(SourceJson)));
        admin.MapDelete("/sources/{id:long}", async (long id, SourceSubscriptions subscriptions, CancellationToken ct) =>
            await subscriptions.RemoveAsync(id, ct) ? Results.NoContent() : NotFound($"No source {id}."));

        admin.MapGet("/posts", async (string? uri, IPostStore posts, CancellationToken ct) =>
        {
            if (string.IsNullOrWhiteSpace(uri))
                return Results.BadRequest(new { error = "The 'uri' query parameter is required." });
            var view = await posts.FindAsync(uri, ct);
            return view is null ? NotFound("No such post (never stored, or deleted).") : Results.Ok(PostJson(view));
        });

        admin.MapGet("/stats", async (IStatsReader stats, CancellationToken ct) => Results.Ok(await stats.ReadAsync(ct)));
        admin.MapGet("/stats/queues", async (IStatsReader stats, CancellationToken ct) => Results.Ok(await stats.ReadQueuesAsync(ct)));

        admin.MapPost("/actors", CreateFeedActorAsync);
        admin.MapGet("/actors", async (ILocalActorStore actors, PublicUrlProvider urls, CancellationToken ct) =>
            Results.Ok((await actors.ListAsync(ct)).Select(a => new
            {
                username = a.Username,
                kind = a.Kind.ToString().ToLowerInvariant(),
                id = urls.Urls.Actor(a.Username),
                handle = $"@{a.Username}@{urls.Urls.Host}",
                displayName = a.DisplayName,
                summary = a.Summary,
            })));
        return app;
    }

    /// <summary>The request body of <c>POST /api/admin/actors</c>: a followable feed account.</summary>
    public sealed record FeedActorRequest(string? Username, string? DisplayName, string? Summary);

    private static async Task<IResult> CreateFeedActorAsync(FeedActorRequest request, ILocalActorStore actors, PublicUrlProvider urls, TimeProvider clock, CancellationToken ct)
    {
        if (request.Username is null || !UsernamePattern().IsMatch(request.Username))
            return Results.BadRequest(new { error = "'username' must be 1-30 characters of a-z, 0-9 and _." });
        if (await actors.FindAsync(request.Username, ct) is not null)
            return Results.Conflict(new { error = $"'{request.Username}' is taken." });
        var (publicPem, privatePem) = LocalActorKeys.Generate();
        var actor = await actors.AddIfMissingAsync(new LocalActor
        {
            Username = request.Username,
            Kind = LocalActorKind.Feed,
            DisplayName = string.IsNullOrWhiteSpace(request.DisplayName) ? request.Username : request.DisplayName,
            Summary = request.Summary ?? "",
            PublicKeyPem = publicPem,
            PrivateKeyPem = privatePem,
            CreatedAt = clock.GetUtcNow(),
        }, ct);
        return Results.Created(urls.Urls.Actor(actor.Username), new { username = actor.Username, id = urls.Urls.Actor(actor.Username) });
    }

    [GeneratedRegex("^[a-z0-9_]{1,30}$")]
    private static partial Regex UsernamePattern();

    private static IResult NotFound(string error) => Results.Json(new { error }, statusCode: 404);

    private static object SourceJson(Source s) => new
    {
        id = s.Id,
        type = s.Type.ToString().ToLowerInvariant(),
        target = s.Target,
        local = s.Local,
        state = s.State.ToString().ToLowerInvariant(),
        lastError = s.LastError,
        cursor = s.Cursor,
        nextPollAt = s.NextPollAt,
        createdAt = s.CreatedAt,
        updatedAt = s.UpdatedAt,
    };

    private static object PostJson(PostView v) => new
    {
        uri = v.Post.Uri,
        url = v.Post.Url,
        author = v.Post.AuthorUri,
        instance = v.Post.Instance,
        type = v.Post.ObjectType,
        html = v.Post.ContentHtml,
        text = v.Post.ContentText,
        language = v.Post.Language,
        published = v.Post.Published,
        updated = v.Post.Updated,
        inReplyTo = v.Post.InReplyToUri,
        contentWarning = v.Post.ContentWarning,
        sensitive = v.Post.Sensitive,
        mediaCount = v.Post.MediaCount,
        hashtags = v.Post.Hashtags,
        mentions = v.Post.Mentions,
        visibility = v.Post.Visibility.ToString().ToLowerInvariant(),
        boosts = v.BoostCount,
        favourites = v.FavouriteCount,
        replies = v.ReplyCount,
        boostedBy = v.BoostedBy,
    };
}
