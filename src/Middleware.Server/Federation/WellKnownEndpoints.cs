using System.Text.Json.Nodes;
using Middleware.ActivityPub.Actors;
using Middleware.Core.Actors;
using Middleware.Server.ClientApi;
using Middleware.Server.Configuration;
using Middleware.ActivityPub.Streams;

namespace Middleware.Server.Federation;

/// <summary>WebFinger, host-meta and NodeInfo: how other servers discover our actors; and the OAuth
/// server metadata, how web apps discover the login.</summary>
public static class WellKnownEndpoints
{
    public static IEndpointRouteBuilder MapWellKnown(this IEndpointRouteBuilder app)
    {
        // Any origin may read them, as at Mastodon (rack-cors on /.well-known/*): web apps discover servers from the browser.
        var wellKnown = app.MapGroup("/.well-known").RequireCors(ClientApiSetup.CorsPolicy);
        wellKnown.MapGet("/webfinger", WebFingerAsync);
        wellKnown.MapGet("/host-meta", HostMeta);
        wellKnown.MapGet("/nodeinfo", NodeInfoLinks);
        wellKnown.MapAuthorizationServerMetadata();
        app.MapGet("/nodeinfo/2.0", (ILocalActorStore actors, Microsoft.Extensions.Options.IOptions<MiddlewareOptions> options, CancellationToken ct) =>
            NodeInfoAsync("2.0", actors, options.Value, ct));
        app.MapGet("/nodeinfo/2.1", (ILocalActorStore actors, Microsoft.Extensions.Options.IOptions<MiddlewareOptions> options, CancellationToken ct) =>
            NodeInfoAsync("2.1", actors, options.Value, ct));
        return app;
    }

    private static async Task<IResult> WebFingerAsync(string? resource, PublicUrlProvider provider, ILocalActorStore actors, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(resource))
            return Results.BadRequest(new { error = "The 'resource' parameter is required." });
        var urls = provider.Urls;
        var username = UsernameFromResource(resource, urls);
        var actor = username is null ? null : await actors.FindAsync(username, ct);
        if (actor is null)
            return Results.NotFound();
        var id = urls.Actor(actor.Username);
        var jrd = new JsonObject
        {
            ["subject"] = $"acct:{actor.Username}@{urls.Host}",
            ["aliases"] = new JsonArray(id, urls.Profile(actor.Username)),
            ["links"] = new JsonArray(
                new JsonObject { ["rel"] = "http://webfinger.net/rel/profile-page", ["type"] = "text/html", ["href"] = urls.Profile(actor.Username) },
                new JsonObject { ["rel"] = "self", ["type"] = "application/activity+json", ["href"] = id }),
        };
        return Results.Text(jrd.ToJsonString(ActivityStreams.WriteOptions), "application/jrd+json; charset=utf-8");
    }

    internal static string? UsernameFromResource(string resource, LocalUrls urls)
    {
        if (resource.StartsWith("acct:", StringComparison.OrdinalIgnoreCase))
        {
            var handle = resource[5..].TrimStart('@');
            var at = handle.LastIndexOf('@');
            if (at <= 0)
                return null;
            return string.Equals(handle[(at + 1)..], urls.Host, StringComparison.OrdinalIgnoreCase) ? handle[..at] : null;
        }
        return urls.UsernameOf(resource);
    }

    private static IResult HostMeta(PublicUrlProvider provider)
    {
        var template = $"{provider.Urls.Base}/.well-known/webfinger?resource={{uri}}";
        var xml = $"""
            <?xml version="1.0" encoding="UTF-8"?>
            <XRD xmlns="http://docs.oasis-open.org/ns/xri/xrd-1.0">
              <Link rel="lrdd" template="{System.Security.SecurityElement.Escape(template)}"/>
            </XRD>
            """;
        return Results.Text(xml, "application/xrd+xml; charset=utf-8");
    }

    private static IResult NodeInfoLinks(PublicUrlProvider provider) => Results.Json(new
    {
        links = new[]
        {
            new { rel = "http://nodeinfo.diaspora.software/ns/schema/2.0", href = $"{provider.Urls.Base}/nodeinfo/2.0" },
            new { rel = "http://nodeinfo.diaspora.software/ns/schema/2.1", href = $"{provider.Urls.Base}/nodeinfo/2.1" },
        },
    });

    private static async Task<IResult> NodeInfoAsync(string version, ILocalActorStore actors, MiddlewareOptions options, CancellationToken ct)
    {
        var feeds = (await actors.ListAsync(ct)).Count(a => a.Kind == LocalActorKind.Feed);
        var software = new JsonObject { ["name"] = "middleware", ["version"] = ServiceInfo.Version };
        if (version == "2.1")
            software["repository"] = ServiceInfo.Repository;
        var doc = new JsonObject
        {
            ["version"] = version,
            ["software"] = software,
            ["protocols"] = new JsonArray("activitypub"),
            ["services"] = new JsonObject { ["inbound"] = new JsonArray(), ["outbound"] = new JsonArray() },
            ["openRegistrations"] = false,
            ["usage"] = new JsonObject { ["users"] = new JsonObject { ["total"] = feeds }, ["localPosts"] = 0 },
            ["metadata"] = new JsonObject { ["nodeName"] = options.InstanceName },
        };
        var profile = $"http://nodeinfo.diaspora.software/ns/schema/{version}#";
        return Results.Text(doc.ToJsonString(ActivityStreams.WriteOptions), $"application/json; profile=\"{profile}\"; charset=utf-8");
    }
}
