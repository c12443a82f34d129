using System.Net.Http.Headers;
using System.Security.Cryptography;
using Middleware.Core.Accounts;

namespace Middleware.Server.ClientApi;

/// <summary>Who is calling the client API: the bearer token's app and, for a user token, the
/// account with the upstream token of the login that granted this token, decrypted.</summary>
public sealed record ClientCaller(AccessToken Token, ClientAccount? Account, string? UpstreamToken);

/// <summary>Turns a request's bearer token into its <see cref="ClientCaller"/>: the one place the
/// client API's endpoints (and the open feeds' optional viewer) authenticate.</summary>
public sealed class ClientCallers(IOAuthGrantStore grants, IClientAccountStore accounts, UpstreamSecrets secrets)
{
    /// <summary>Resolves the caller, or returns the error Mastodon gives, in Mastodon's order: 401 for
    /// a missing, unknown or revoked token; 403 when <paramref name="scopes"/> is given and the token
    /// has none of them (<see cref="ClientScopes"/>); 422 when <paramref name="userRequired"/> and the
    /// token is an app's own.</summary>
    public async Task<(ClientCaller? Caller, IResult? Error)> ResolveAsync(HttpRequest http, bool userRequired, CancellationToken ct,
        IReadOnlyList<string>? scopes = null)
    {
        var token = AuthenticationHeaderValue.TryParse(http.Headers.Authorization, out var header)
                    && header.Scheme.Equals("Bearer", StringComparison.OrdinalIgnoreCase) ? header.Parameter : null;
        // The client-token scheme resolved it already for this request (Access/ClientTokenHandler).
        if (http.HttpContext.Items[typeof(Looked)] is not Looked looked || looked.Token != token)
        {
            var found = token is { Length: > 0 } ? await grants.FindTokenAsync(OAuthSecrets.Hash(token), ct) : null;
            var person = found?.AccountId is { } id ? await accounts.FindAsync(id, ct) : null;
            looked = new Looked(token, found, person);
            http.HttpContext.Items[typeof(Looked)] = looked;
        }
        if (looked.Stored is not { } stored)
            return (null, Results.Json(new { error = "The access token is invalid" }, statusCode: 401));
        if (scopes is not null && !ClientScopes.Allow(stored.Scopes, scopes))
            return (null, ClientScopes.Refusal());
        var account = looked.Account;
        if (account is null)
            return userRequired
                ? (null, Results.Json(new { error = "This method requires an authenticated user" }, statusCode: 422))
                : (new ClientCaller(stored, null, null), null);
        try
        {
            // Tokens issued before upstream tokens were kept per grant have none of their own.
            var upstream = stored.EncryptedUpstreamToken ?? account.EncryptedUpstreamToken;
            return (new ClientCaller(stored, account, secrets.Unprotect(upstream)), null);
        }
        catch (CryptographicException)
        {
            // The data-protection keys were lost or replaced: the person has to log in again.
            return (null, Results.Json(new { error = "The access token is invalid" }, statusCode: 401));
        }
    }

    /// <summary>What a request's bearer token named, looked up once per request.</summary>
    private sealed record Looked(string? Token, AccessToken? Stored, ClientAccount? Account);
}
