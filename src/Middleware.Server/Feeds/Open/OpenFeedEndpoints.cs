using Middleware.Server.Audit;
using Middleware.Server.ClientApi;
using Middleware.Server.Edges;
using Middleware.Server.Feeds.Cards;
using Middleware.Server.Operations;

namespace Middleware.Server.Feeds.Open;

/// <summary>The open feed API: public feeds readable without login, under <c>/api/v1/feeds</c>,
/// and each feed as Atom at <c>/feeds/{name}.atom</c>.</summary>
public static class OpenFeedEndpoints
{
    public static IEndpointRouteBuilder MapOpenFeeds(this IEndpointRouteBuilder app)
    {
        // Web apps read feeds from the browser: CORS as for the rest of /api (any origin, no credentials).
        var feeds = app.MapGroup("/api/v1/feeds").RequireCors(ClientApiSetup.CorsPolicy);
        feeds.MapGet("/", OpenFeedCard.ListAsync);
        feeds.MapGet("/{name}", OpenFeedCard.GetAsync);
        feeds.MapGet("/{name}/card", FeedCardEndpoint.GetAsync);
        feeds.MapGet("/{name}/skeleton", FeedSkeleton.GetAsync).TimedAs("skeleton");
        feeds.MapGet("/{name}/explain", FeedExplain.GetAsync);
        feeds.MapGet("/{name}/audit", AuditEndpoints.GetAsync).RequireRateLimiting(RateLimitPolicies.Audits);
        app.MapGet("/feeds/{name}.atom", FeedAtom.GetAsync).RequireCors(ClientApiSetup.CorsPolicy);
        return app;
    }
}
