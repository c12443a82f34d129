using System.Text.Json;
using Middleware.ActivityPub.Actors;
using Middleware.ActivityPub.Streams;
using Middleware.Core.Accounts;

namespace Middleware.Server.ClientApi;

/// <summary>The service's side of logging in at a home instance: registering there as an app
/// (once per instance), the authorize URL, and exchanging the code for the person's token.</summary>
public sealed class HomeInstanceLogin(
    HomeInstanceClient home, IUpstreamRegistrationStore registrations, UpstreamSecrets secrets, LocalUrls urls)
{
    /// <summary>Scopes the service asks for when it registers; each login asks for the app's scopes.</summary>
    public const string RegisteredScopes = "read write follow push";

    public string CallbackUri => $"{urls.Base}/oauth/callback";

    /// <summary>Where to send the person's browser to approve the login at their instance.</summary>
    public async Task<Uri> AuthorizeUriAsync(string host, string scopes, string state, CancellationToken ct)
    {
        var registration = await RegistrationAsync(host, ct);
        var query = QueryString.Create(new Dictionary<string, string?>
        {
            ["client_id"] = registration.ClientId,
            ["redirect_uri"] = registration.RedirectUri,
            ["response_type"] = "code",
            ["scope"] = scopes,
            ["state"] = state,
        });
        return new Uri(home.BaseUri(host), "/oauth/authorize" + query);
    }

    /// <summary>Exchanges the home instance's code for its token and reads whose it is: an account
    /// with an id, whose actor is on that instance (one instance cannot speak for another's people).</summary>
    public async Task<(string Token, HomeAccount Account)> ExchangeAsync(string host, string code, CancellationToken ct)
    {
        var registration = await RegistrationAsync(host, ct);
        var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "authorization_code",
            ["code"] = code,
            ["client_id"] = registration.ClientId,
            ["client_secret"] = secrets.Unprotect(registration.EncryptedClientSecret),
            ["redirect_uri"] = registration.RedirectUri,
        });
        var answer = await home.SendForJsonAsync(host, HttpMethod.Post, "/oauth/token", null, form, ct);
        if (answer.ValueKind != JsonValueKind.Object || !answer.TryGetProperty("access_token", out var token)
            || token.ValueKind != JsonValueKind.String || token.GetString() is not { Length: > 0 } accessToken)
            throw new UpstreamException(502, $"The home instance {host} gave no access token.");
        var account = await home.SendForJsonAsync(host, HttpMethod.Get, "/api/v1/accounts/verify_credentials", accessToken, null, ct);
        if (UpstreamId(account) is not { } id)
            throw new UpstreamException(502, $"The home instance {host} did not say whose token it gave.");
        var actor = account.String("uri") ?? account.String("url");
        if (!Uri.TryCreate(actor, UriKind.Absolute, out var actorUri)
            || !string.Equals(actorUri.GetLeftPart(UriPartial.Authority), home.BaseUri(host).GetLeftPart(UriPartial.Authority), StringComparison.OrdinalIgnoreCase))
            throw new UpstreamException(502, $"The home instance {host} answered for an account that is not its own ({actor}).");
        // A local account's acct is the bare username; the instance is the host we asked.
        var username = (account.String("acct") ?? account.String("username") ?? "").Split('@')[0];
        return (accessToken, new HomeAccount(id, $"{username}@{host}", actor!));
    }

    /// <summary>The account id: a non-empty string, or a number's own digits (never "", which
    /// would make every person of the instance one account).</summary>
    private static string? UpstreamId(JsonElement account) =>
        account.ValueKind != JsonValueKind.Object || !account.TryGetProperty("id", out var id) ? null
        : id.ValueKind == JsonValueKind.String ? (string.IsNullOrWhiteSpace(id.GetString()) ? null : id.GetString())
        : id.ValueKind == JsonValueKind.Number ? id.GetRawText()
        : null;

    private async Task<UpstreamRegistration> RegistrationAsync(string host, CancellationToken ct)
    {
        var stored = await registrations.FindAsync(host, ct);
        if (stored is not null && stored.RedirectUri == CallbackUri)
            return stored;

        var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["client_name"] = "Middleware feeds",
            ["redirect_uris"] = CallbackUri,
            ["scopes"] = RegisteredScopes,
            ["website"] = urls.Base,
        });
        var app = await home.SendForJsonAsync(host, HttpMethod.Post, "/api/v1/apps", null, form, ct);
        if (app.ValueKind != JsonValueKind.Object
            || !app.TryGetProperty("client_id", out var id) || id.ValueKind != JsonValueKind.String
            || !app.TryGetProperty("client_secret", out var secret) || secret.ValueKind != JsonValueKind.String)
            throw new UpstreamException(502, $"The home instance {host} did not register the service as an app.");
        var registration = new UpstreamRegistration(host, id.GetString()!, secrets.Protect(secret.GetString()!), CallbackUri);
        // Two first logins at once both register; the first stored wins and both use it.
        return await registrations.SaveAsync(registration, ct);
    }
}

/// <summary>Whose token the home instance gave: its account id, <c>user@host</c>, and the actor id
/// (on the home instance's own origin).</summary>
public sealed record HomeAccount(string Id, string Acct, string ActorUri);
