using Middleware.Core.Accounts;
using Middleware.Server.Edges;

namespace Middleware.Server.ClientApi;

/// <summary><c>POST /api/v1/apps</c>: a client app registers itself, as at any Mastodon server.</summary>
public static class AppEndpoints
{
    public static IEndpointRouteBuilder MapClientApps(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/v1/apps", RegisterAsync).DisableAntiforgery().WithSmallBody().RequireRateLimiting(RateLimitPolicies.Apps);
        return app;
    }

    /// <summary>Registers an app from <c>client_name</c>, <c>redirect_uris</c> (string or array),
    /// <c>scopes</c> (default <c>read</c>) and <c>website</c>, sent as form, JSON or query. Answers
    /// Mastodon's Application entity with <c>client_id</c> and <c>client_secret</c>, or 422 with
    /// <c>{"error":"Validation failed: …"}</c>.</summary>
    private static async Task<IResult> RegisterAsync(HttpRequest http, IClientAppStore apps, TimeProvider clock, CancellationToken ct)
    {
        var parameters = await OAuthParameters.ReadAsync(http, ct);
        if (parameters.Malformed is { } malformed)
            return Problems.Malformed(malformed);
        var name = parameters["client_name"]?.Trim();
        if (string.IsNullOrEmpty(name))
            return Invalid("Application name can't be blank");
        if (name.Length > 60)
            return Invalid("Application name is too long (maximum is 60 characters)");
        var redirectUris = ClientApps.ParseRedirectUris(parameters.All("redirect_uris").Concat(parameters.All("redirect_uri")).ToList());
        if (redirectUris is null)
            return Invalid("Redirect URI must be an absolute URI.");
        var scopes = ClientApps.ParseScopes(parameters["scopes"]);
        if (scopes is null)
            return Invalid("Scopes are not valid Mastodon scopes");
        var website = parameters["website"];
        if (website is not null && !Uri.TryCreate(website, UriKind.Absolute, out _))
            return Invalid("Website must be an absolute URL");

        var secret = OAuthSecrets.NewSecret();
        var registered = new ClientApp(OAuthSecrets.NewSecret(), OAuthSecrets.Hash(secret), name, website, redirectUris, scopes, clock.GetUtcNow());
        await apps.AddAsync(registered, ct);
        return Results.Json(new
        {
            id = registered.ClientId,
            name = registered.Name,
            website = registered.Website,
            scopes = registered.Scopes.Split(' '),
            redirect_uri = string.Join('\n', registered.RedirectUris),
            redirect_uris = registered.RedirectUris,
            client_id = registered.ClientId,
            client_secret = secret,
            client_secret_expires_at = 0,
        });
    }

    private static IResult Invalid(string problem) =>
        Results.Json(new { error = $"Validation failed: {problem}" }, statusCode: StatusCodes.Status422UnprocessableEntity);
}
