using Middleware.Core.Signals;
using Middleware.Server.ClientApi;
using Middleware.Server.Edges;
using Middleware.Server.Feeds.Open;

namespace Middleware.Server.Feeds.Interactions;

/// <summary>People's own signals through the open feed API: <c>POST /api/v1/feeds/{name}/interactions</c>
/// (modelled on Bluesky's <c>app.bsky.feed.sendInteractions</c>), and seeing and deleting everything the
/// service recorded about them (<c>GET</c>/<c>DELETE /api/v1/feeds/signals</c>). A person is known only
/// by their client API token, never by anything in a body.</summary>
public static class FeedInteractionEndpoints
{
    public const int MaxBodyBytes = 64 * 1024;

    public static IEndpointRouteBuilder MapFeedInteractions(this IEndpointRouteBuilder app)
    {
        // CORS as the rest of the open feed API: web apps send these from the browser.
        var feeds = app.MapGroup("/api/v1/feeds").RequireCors(ClientApiSetup.CorsPolicy);
        feeds.MapPost("/{name}/interactions", SendAsync).RequireRateLimiting(RateLimitPolicies.Interactions);
        feeds.MapGet("/signals", PersonSignalEndpoints.ReadAsync);
        feeds.MapDelete("/signals", PersonSignalEndpoints.DeleteAsync);
        return app;
    }

    /// <summary><c>POST /api/v1/feeds/{name}/interactions</c> with
    /// <c>{"interactions":[{"item":"&lt;post uri&gt;","event":"requestMore","feedContext":"…","reqId":"…"}]}</c>:
    /// stores each (person, item, event) once, in one transaction, and answers
    /// <c>{"stored":n,"repeated":m}</c>; sending the same batch again stores nothing and repeats all.
    /// Refusals: 413 for a body over 64 KB or more than 100 entries; 401 without a valid token (403 when
    /// it lacks <c>write</c> or <c>write:accounts</c>; 422 for an app's own token); 403 when the person
    /// has not opted in to recording; 404 for an unknown or private feed; 400 naming the first bad entry
    /// (<c>field</c> = <c>interactions[i].item</c>, <c>…event</c>, …, and <c>index</c>), including an item
    /// that is not a stored post. Any refusal stores nothing of the batch.</summary>
    public static async Task<IResult> SendAsync(
        string name, HttpRequest request, ClientCallers callers, PublicFeeds feeds, IPersonSignalStore signals,
        TimeProvider clock, CancellationToken ct)
    {
        if (request.ContentLength > MaxBodyBytes)
            return TooLarge();
        var (caller, error) = await callers.ResolveAsync(request, userRequired: true, ct, ClientScopes.WriteAccounts);
        if (caller is null)
            return error!;
        var person = caller.Account!;
        if (!person.Preference.RecordInteractions)
            return NotOptedIn();
        if (await feeds.FindAsync(name, ct) is not { } feed)
            return OpenFeedErrors.NoFeed(name);

        if (await BoundedRequestBody.ReadAsync(request, MaxBodyBytes, ct) is not { } body)
            return TooLarge();
        var (batch, refusal) = InteractionBatch.Read(body);
        if (refusal is not null)
            return refusal.ToResult();

        var known = await signals.KnownPostsAsync(batch!.Select(b => b.Item).Distinct(StringComparer.Ordinal).ToList(), ct);
        for (var i = 0; i < batch!.Count; i++)
        {
            if (!known.Contains(batch[i].Item))
                return new BatchRefusal(400, $"interactions[{i}].item", i, $"'{batch[i].Item}' is not a post this service stores. Nothing was stored.").ToResult();
        }

        var now = clock.GetUtcNow();
        var result = await signals.RecordAsync(
            batch.Select(b => new PersonSignal(person.ActorUri, b.Item, b.Event, feed.Name, now, b.FeedContext, b.RequestId)).ToList(), ct);
        return Results.Ok(new { stored = result.Stored, repeated = result.Repeated });
    }

    private static IResult TooLarge() => Results.Json(
        new { error = $"The request body is larger than {MaxBodyBytes / 1024} KB; send at most {InteractionBatch.MaxEntries} interactions per request. Nothing was stored." },
        statusCode: StatusCodes.Status413PayloadTooLarge);

    private static IResult NotOptedIn() => Results.Json(new
    {
        error = "Recording is off for your account, so nothing was stored. To send interactions, opt in: "
            + """PUT /api/v1/preferences/ranking with {"recordInteractions":true}.""",
    }, statusCode: StatusCodes.Status403Forbidden);
}
