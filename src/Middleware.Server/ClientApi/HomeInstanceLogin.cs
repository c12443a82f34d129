using System.Text.Json;
using Middleware.ActivityPub.Actors;
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

    /// <summary>Exchanges the home instance's code for its token and reads whose it is.</summary>
    public async Task<(string Token, JsonElement Account)> ExchangeAsync(string host, string code, CancellationToken ct)
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
        if (account.ValueKind != JsonValueKind.Object || !account.TryGetProperty("id", out _))
            throw new UpstreamException(502, $"The home instance {host} did not say whose token it gave.");
        return (accessToken, account);
    }

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
        await registrations.SaveAsync(registration, ct);
        return registration;
    }
}
