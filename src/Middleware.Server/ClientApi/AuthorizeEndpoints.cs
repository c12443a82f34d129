using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;
using Middleware.ActivityPub.Actors;
using Middleware.Core.Accounts;
using Middleware.Server.Configuration;
using Middleware.Server.Edges;

namespace Middleware.Server.ClientApi;

/// <summary>The browser side of OAuth: <c>GET /oauth/authorize</c> (the handle form),
/// <c>POST /oauth/authorize</c> (off to the home instance) and <c>GET /oauth/callback</c> (back from
/// it, on to the app with our own code).</summary>
public static class AuthorizeEndpoints
{
    public static IEndpointRouteBuilder MapAuthorize(this IEndpointRouteBuilder app)
    {
        var oauth = app.MapGroup("/oauth").RequireRateLimiting(RateLimitPolicies.OAuth);
        oauth.MapGet("/authorize", StartAsync);
        oauth.MapPost("/authorize", ChooseInstanceAsync).DisableAntiforgery().WithSmallBody();
        oauth.MapGet("/callback", CallbackAsync);
        return app;
    }

    private const string Expired = "This sign-in has expired or was already used. Start again from your app.";
    private const string OtherBrowser = "This sign-in was started in another browser, or this browser did not keep its cookie. Start again from your app.";

    /// <summary>Checks the app's request (client, redirect URI, scopes, PKCE) and shows the handle
    /// form. What the app asked for is kept server-side under a random state, bound to this browser
    /// by a cookie (<see cref="LoginBinding"/>): a form post or callback from another browser is refused.</summary>
    private static async Task<IResult> StartAsync(HttpRequest http, IClientAppStore apps, IOAuthGrantStore grants,
        TimeProvider clock, IOptions<ClientApiOptions> options, CancellationToken ct)
    {
        var p = await OAuthParameters.ReadAsync(http, ct);
        var app = p["client_id"] is { } clientId ? await apps.FindAsync(clientId, ct) : null;
        if (app is null)
            return AuthorizePage.Error(401, "invalid_client", "Client authentication failed due to unknown client.");
        var redirectUri = p["redirect_uri"] ?? (app.RedirectUris.Count == 1 ? app.RedirectUris[0] : null);
        if (redirectUri is null || !app.RedirectUris.Contains(redirectUri))
            return AuthorizePage.Error(400, "invalid_redirect_uri", "The requested redirect uri is malformed or doesn't match client redirect URI.");
        if ((p["response_type"] ?? "code") != "code")
            return ErrorToApp(redirectUri, p["state"], 400, "unsupported_response_type", "The authorization server does not support this response type.");
        var scopes = ClientApps.ParseScopes(p["scope"] ?? app.Scopes.Split(' ')[0]);
        if (scopes is null || !ClientApps.Covers(app.Scopes, scopes))
            return ErrorToApp(redirectUri, p["state"], 400, "invalid_scope", "The requested scope is invalid, unknown, or malformed.");
        var challenge = p["code_challenge"];
        var method = challenge is null ? null : p["code_challenge_method"] ?? "plain";
        if (challenge is not null && (method is not ("S256" or "plain") || !OAuthSecrets.IsChallenge(challenge, method)))
            return ErrorToApp(redirectUri, p["state"], 400, "invalid_request",
                "code_challenge must be 43 base64url characters with code_challenge_method S256, or a code verifier (RFC 7636) with plain.");

        var binding = LoginBinding.Bind(http.HttpContext, options.Value.LoginLifetime);
        var login = new PendingLogin(OAuthSecrets.NewSecret(), app.ClientId, redirectUri, scopes, p["state"], challenge, method,
            null, clock.GetUtcNow() + options.Value.LoginLifetime, binding);
        await grants.AddPendingLoginAsync(login, ct);
        return AuthorizePage.HandleForm(app.Name, scopes, redirectUri, login.State);
    }

    /// <summary>Takes the handle, registers the service at that instance if needed, and sends the
    /// browser to approve there. Why an instance could not be used is logged, not shown: the browser
    /// is anyone, and the reason may name internal addresses.</summary>
    private static async Task<IResult> ChooseInstanceAsync(HttpRequest http, IClientAppStore apps, IOAuthGrantStore grants,
        HomeInstanceLogin homeLogin, LocalUrls urls, IOptions<MiddlewareOptions> middleware, ILoggerFactory logs,
        TimeProvider clock, CancellationToken ct)
    {
        var p = await OAuthParameters.ReadAsync(http, ct);
        var login = p["login"] is { } state ? await grants.FindPendingLoginAsync(state, clock.GetUtcNow(), ct) : null;
        var app = login is null ? null : await apps.FindAsync(login.ClientId, ct);
        if (login is null || app is null)
            return AuthorizePage.Error(400, "invalid_request", Expired);
        if (!LoginBinding.Matches(http, login.BrowserBindingHash))
            return AuthorizePage.Error(400, "invalid_request", OtherBrowser);
        var host = AccountHandle.InstanceHost(p["handle"]);
        if (host is null)
            return AuthorizePage.HandleForm(app.Name, login.Scopes, login.RedirectUri, login.State, p["handle"],
                "That is not a handle: type it as @you@your.instance.", 400);
        var unreachable = $"Could not reach your instance {host}. Check your handle, or try again later.";
        var log = logs.CreateLogger(typeof(AuthorizeEndpoints).FullName!);
        if (AccountHandle.Refusal(host, new Uri(urls.Base), middleware.Value.AllowPrivateNetworks) is { } refusal)
        {
            log.LogInformation("Login refused at {Host}: {Reason}", host, refusal);
            return AuthorizePage.HandleForm(app.Name, login.Scopes, login.RedirectUri, login.State, p["handle"], unreachable, 400);
        }
        try
        {
            var target = await homeLogin.AuthorizeUriAsync(host, login.Scopes, login.State, ct);
            if (!await grants.SetPendingInstanceAsync(login.State, host, clock.GetUtcNow(), ct))
                return AuthorizePage.Error(400, "invalid_request", Expired);
            return Results.Redirect(target.AbsoluteUri);
        }
        catch (UpstreamException e)
        {
            log.LogInformation("Login could not use {Host}: {Reason}", host, e.Message);
            return AuthorizePage.HandleForm(app.Name, login.Scopes, login.RedirectUri, login.State, p["handle"], unreachable, e.Status);
        }
    }

    /// <summary>The home instance sends the browser back here with its code; we exchange it, keep the
    /// person's token encrypted, and send the browser to the app with a code of our own.</summary>
    private static async Task<IResult> CallbackAsync(HttpRequest http, IOAuthGrantStore grants, IClientAccountStore accounts,
        HomeInstanceLogin homeLogin, UpstreamSecrets secrets, ILoggerFactory logs, TimeProvider clock, IOptions<ClientApiOptions> options,
        [FromServices] IEnumerable<ISignInCallback> otherSignIns, CancellationToken ct)
    {
        var state = http.Query["state"].ToString();
        // The web pages' sign-in returns through this same registered URI, with a state of its own.
        foreach (var other in otherSignIns)
        {
            if (await other.FinishAsync(http, state, ct) is { } finished)
                return finished;
        }
        var login = state.Length > 0 ? await grants.TakePendingLoginAsync(state, clock.GetUtcNow(), ct) : null;
        if (login?.InstanceHost is not { } host)
            return AuthorizePage.Error(400, "invalid_request", Expired);
        // Taken before the check: a callback from the wrong browser spends the login, and issues nothing.
        if (!LoginBinding.Matches(http, login.BrowserBindingHash))
            return AuthorizePage.Error(400, "invalid_request", OtherBrowser);
        if (http.Query["code"].ToString() is not { Length: > 0 } upstreamCode)
            return ErrorToApp(login.RedirectUri, login.AppState, 400, "access_denied",
                "The resource owner or authorization server denied the request.");
        try
        {
            var (token, account) = await homeLogin.ExchangeAsync(host, upstreamCode, ct);
            var encrypted = secrets.Protect(token);
            var saved = await accounts.SaveLoginAsync(host, account.Id, account.Acct, account.ActorUri, encrypted, ct);
            var code = OAuthSecrets.NewSecret();
            await grants.AddCodeAsync(new AuthorizationCode(OAuthSecrets.Hash(code), login.ClientId, saved.Id, login.RedirectUri,
                login.Scopes, login.CodeChallenge, login.CodeChallengeMethod, clock.GetUtcNow() + options.Value.LoginLifetime,
                EncryptedUpstreamToken: encrypted), ct);
            return login.RedirectUri == ClientApps.OutOfBand ? AuthorizePage.ShowCode(code) : ToApp(login, code);
        }
        catch (UpstreamException e)
        {
            logs.CreateLogger(typeof(AuthorizeEndpoints).FullName!).LogInformation("Login at {Host} failed: {Reason}", host, e.Message);
            // The pending login is spent: the app is told (a web app would otherwise wait for ever).
            return ErrorToApp(login.RedirectUri, login.AppState, e.Status, e.Status == 504 ? "temporarily_unavailable" : "server_error",
                $"Your instance {host} could not complete the sign-in. Start again, or try again later.");
        }
    }

    private static IResult ToApp(PendingLogin login, string code) =>
        Results.Redirect(QueryHelpers.AddQueryString(login.RedirectUri, WithState(new() { ["code"] = code }, login.AppState)));

    /// <summary>An error once the app and its redirect URI are known goes back to the app, as RFC 6749
    /// §4.1.2.1 says and Doorkeeper does, so a web app can react; out of band, it is shown.</summary>
    private static IResult ErrorToApp(string redirectUri, string? appState, int status, string error, string description) =>
        redirectUri == ClientApps.OutOfBand
            ? AuthorizePage.Error(status, error, description)
            : Results.Redirect(QueryHelpers.AddQueryString(redirectUri,
                WithState(new() { ["error"] = error, ["error_description"] = description }, appState)));

    private static Dictionary<string, string?> WithState(Dictionary<string, string?> query, string? appState)
    {
        if (appState is not null)
            query["state"] = appState;
        return query;
    }
}
