using Middleware.ActivityPub.Actors;
using Middleware.Server.Configuration;

namespace Middleware.Server.ClientApi;

/// <summary><c>GET /.well-known/oauth-authorization-server</c> (RFC 8414), as Mastodon 4.3+ serves it:
/// web apps read it to find where to register and log in, and whether PKCE is supported.</summary>
public static class AuthorizationServerMetadata
{
    /// <summary>Mastodon's scopes: the top ones and the granular ones apps ask for (any
    /// <c>parent:child</c> of a top scope is accepted, see <see cref="ClientApps"/>).</summary>
    private static readonly string[] Scopes =
    [
        "read", "write", "follow", "push", "profile", "admin:read", "admin:write",
        "read:accounts", "read:blocks", "read:bookmarks", "read:favourites", "read:filters", "read:follows", "read:lists",
        "read:mutes", "read:notifications", "read:search", "read:statuses",
        "write:accounts", "write:blocks", "write:bookmarks", "write:conversations", "write:favourites", "write:filters",
        "write:follows", "write:lists", "write:media", "write:mutes", "write:notifications", "write:reports", "write:statuses",
    ];

    /// <summary>Maps <c>/oauth-authorization-server</c> on the <c>/.well-known</c> group.</summary>
    public static RouteHandlerBuilder MapAuthorizationServerMetadata(this IEndpointRouteBuilder wellKnown) =>
        wellKnown.MapGet("/oauth-authorization-server", (LocalUrls urls) => Results.Json(new Dictionary<string, object>
        {
            ["issuer"] = urls.Base,
            ["service_documentation"] = $"{ServiceInfo.Repository}/blob/main/docs/client-api.md",
            ["authorization_endpoint"] = $"{urls.Base}/oauth/authorize",
            ["token_endpoint"] = $"{urls.Base}/oauth/token",
            ["app_registration_endpoint"] = $"{urls.Base}/api/v1/apps",
            ["revocation_endpoint"] = $"{urls.Base}/oauth/revoke",
            ["scopes_supported"] = Scopes,
            ["response_types_supported"] = new[] { "code" },
            ["response_modes_supported"] = new[] { "query" },
            ["grant_types_supported"] = new[] { "authorization_code", "client_credentials" },
            // /oauth/token also takes "plain" when the app proves itself with its secret; it is not
            // advertised, as a public client must use S256 (TokenEndpoints).
            ["code_challenge_methods_supported"] = new[] { "S256" },
            // "none": a public client that sends no secret and proves the code with PKCE S256.
            ["token_endpoint_auth_methods_supported"] = new[] { "client_secret_basic", "client_secret_post", "none" },
        }));
}
