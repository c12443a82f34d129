using System.Net.Http.Headers;
using System.Text;
using Middleware.Core.Accounts;
using Middleware.Server.Edges;

namespace Middleware.Server.ClientApi;

/// <summary><c>POST /oauth/token</c> and <c>POST /oauth/revoke</c>, answering as Mastodon's
/// Doorkeeper does, errors included.</summary>
public static class TokenEndpoints
{
    public static IEndpointRouteBuilder MapTokens(this IEndpointRouteBuilder app)
    {
        var oauth = app.MapGroup("/oauth").RequireRateLimiting(RateLimitPolicies.OAuth);
        oauth.MapPost("/token", IssueAsync).DisableAntiforgery().WithSmallBody();
        oauth.MapPost("/revoke", RevokeAsync).DisableAntiforgery().WithSmallBody();
        return app;
    }

    /// <summary>Grants <c>authorization_code</c> (with PKCE S256 or plain when the app sent a
    /// challenge; without the secret, S256 only) and <c>client_credentials</c>. Parameters come from
    /// the body only. Answers <c>{access_token, token_type, scope,
    /// created_at}</c>; 401 <c>invalid_client</c>; 400 <c>invalid_grant</c> for an unknown, used,
    /// expired or mismatched code or a failed PKCE check.</summary>
    private static async Task<IResult> IssueAsync(HttpRequest http, IClientAppStore apps, IOAuthGrantStore grants,
        TimeProvider clock, CancellationToken ct)
    {
        var p = await OAuthParameters.ReadAsync(http, ct, bodyOnly: true);
        if (p.Malformed is { } malformed)
            return MalformedBody(malformed);
        var (clientId, secret) = Credentials(http, p);
        var app = clientId is null ? null : await apps.FindAsync(clientId, ct);
        var grantType = p["grant_type"];
        // A public client proves itself with PKCE S256 instead of a secret (RFC 7636; plain proves nothing
        // to whoever saw the authorize URL).
        var provesWithPkce = secret is null && grantType == "authorization_code" && p["code_verifier"] is not null;
        if (app is null || (!provesWithPkce && !OAuthSecrets.SameSecret(secret is null ? null : OAuthSecrets.Hash(secret), app.ClientSecretHash)))
            return Error(401, "invalid_client",
                "Client authentication failed due to unknown client, no client authentication included, or unsupported authentication method.");

        var now = clock.GetUtcNow();
        switch (grantType)
        {
            case "authorization_code":
                var code = p["code"] is { } given ? await grants.TakeCodeAsync(OAuthSecrets.Hash(given), now, ct) : null;
                if (code is null || code.ClientId != app.ClientId || (p["redirect_uri"] ?? code.RedirectUri) != code.RedirectUri
                    || (code.CodeChallenge is not null && !OAuthSecrets.VerifierMatches(p["code_verifier"], code.CodeChallenge, code.CodeChallengeMethod))
                    || (provesWithPkce && code.CodeChallengeMethod != "S256"))
                    return Error(400, "invalid_grant",
                        "The provided authorization grant is invalid, expired, revoked, does not match the redirection URI used in the authorization request, or was issued to another client.");
                return await IssueTokenAsync(grants, app.ClientId, code.AccountId, code.Scopes, now, ct, code.EncryptedUpstreamToken);
            case "client_credentials":
                var scopes = ClientApps.ParseScopes(p["scope"] ?? app.Scopes.Split(' ')[0]);
                if (scopes is null || !ClientApps.Covers(app.Scopes, scopes))
                    return Error(400, "invalid_scope", "The requested scope is invalid, unknown, or malformed.");
                return await IssueTokenAsync(grants, app.ClientId, null, scopes, now, ct);
            default:
                return Error(400, "unsupported_grant_type", "The authorization grant type is not supported by the authorization server.");
        }
    }

    /// <summary>Revokes a token the app holds, and the upstream token of its grant at the home instance
    /// (best effort, <see cref="UpstreamRevocation"/>). Like Doorkeeper, answers 200 <c>{}</c> whether or
    /// not the token existed, and 403 <c>unauthorized_client</c> when the app's credentials are wrong. A
    /// public client (no secret sent) may revoke the tokens issued to its client_id (RFC 7009 §2.1).</summary>
    private static async Task<IResult> RevokeAsync(HttpRequest http, IClientAppStore apps, IOAuthGrantStore grants,
        IClientAccountStore accounts, UpstreamRevocation upstream, TimeProvider clock, CancellationToken ct)
    {
        var p = await OAuthParameters.ReadAsync(http, ct, bodyOnly: true);
        if (p.Malformed is { } malformed)
            return MalformedBody(malformed);
        var (clientId, secret) = Credentials(http, p);
        var app = clientId is null ? null : await apps.FindAsync(clientId, ct);
        var publicClient = string.IsNullOrEmpty(secret);
        if (app is null || (!publicClient && !OAuthSecrets.SameSecret(OAuthSecrets.Hash(secret!), app.ClientSecretHash)))
            return Error(403, "unauthorized_client", "You are not authorized to revoke this token");
        var revoked = p["token"] is { } token ? await grants.RevokeTokenAsync(OAuthSecrets.Hash(token), app.ClientId, clock.GetUtcNow(), ct) : null;
        // A token from before upstream tokens were kept per grant shares the account's token with
        // the person's other such tokens (and background work), so that one stays valid upstream.
        if (revoked is { AccountId: { } accountId, EncryptedUpstreamToken: { } upstreamToken }
            && await accounts.FindAsync(accountId, ct) is { } account)
            await upstream.RevokeAsync(account.InstanceHost, upstreamToken);
        return Results.Json(new { });
    }

    private static async Task<IResult> IssueTokenAsync(IOAuthGrantStore grants, string clientId, long? accountId, string scopes,
        DateTimeOffset now, CancellationToken ct, string? encryptedUpstreamToken = null)
    {
        var token = OAuthSecrets.NewSecret();
        await grants.AddTokenAsync(new AccessToken(OAuthSecrets.Hash(token), clientId, accountId, scopes, now, encryptedUpstreamToken), ct);
        return Results.Json(new { access_token = token, token_type = "Bearer", scope = scopes, created_at = now.ToUnixTimeSeconds() });
    }

    /// <summary>Client credentials from HTTP Basic (RFC 6749 §2.3.1) or the body.</summary>
    private static (string? Id, string? Secret) Credentials(HttpRequest http, OAuthParameters p)
    {
        if (AuthenticationHeaderValue.TryParse(http.Headers.Authorization, out var header)
            && header.Scheme.Equals("Basic", StringComparison.OrdinalIgnoreCase) && header.Parameter is { } encoded)
        {
            try
            {
                var pair = Encoding.UTF8.GetString(Convert.FromBase64String(encoded)).Split(':', 2);
                if (pair.Length == 2)
                    return (Uri.UnescapeDataString(pair[0]), Uri.UnescapeDataString(pair[1]));
            }
            catch (FormatException)
            {
                // Not Basic credentials after all; fall back to the body.
            }
        }
        return (p["client_id"], p["client_secret"]);
    }

    /// <summary>Doorkeeper's <c>invalid_request</c>, as a problem document with its two members.</summary>
    private static IResult MalformedBody(string detail) =>
        Problems.Malformed(detail, new Dictionary<string, object?> { ["error"] = "invalid_request", ["error_description"] = detail });

    private static IResult Error(int status, string error, string description) =>
        Results.Json(new { error, error_description = description }, statusCode: status);
}
