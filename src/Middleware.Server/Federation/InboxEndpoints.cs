using Middleware.ActivityPub.Actors;
using Middleware.Core.Actors;
using Middleware.Server.Edges;
using Middleware.Server.Inbox;

namespace Middleware.Server.Federation;

/// <summary>The shared inbox and each actor's personal inbox. All answer 202 once the activity
/// is verified and stored; processing happens in the background.</summary>
public static class InboxEndpoints
{
    public static IEndpointRouteBuilder MapInboxes(this IEndpointRouteBuilder app)
    {
        // Counted per remote address here, before the signature is checked; per sending host after (InboxReceiver).
        var inboxes = app.MapGroup("").RequireRateLimiting(RateLimitPolicies.InboxPerAddress);
        inboxes.MapPost("/inbox", (HttpContext http, InboxReceiver receiver, CancellationToken ct) =>
            receiver.ReceiveAsync(http, null, ct));
        inboxes.MapPost("/actor/inbox", (HttpContext http, InboxReceiver receiver, CancellationToken ct) =>
            receiver.ReceiveAsync(http, LocalUrls.InstanceActorName, ct));
        inboxes.MapPost("/users/{username}/inbox", async (string username, HttpContext http, InboxReceiver receiver, ILocalActorStore actors, CancellationToken ct) =>
            await actors.FindAsync(username, ct) is null ? Results.NotFound() : await receiver.ReceiveAsync(http, username, ct));
        return app;
    }
}
