using Microsoft.Extensions.Options;
using Middleware.Core.Accounts;
using Middleware.Server.ClientApi;

namespace Middleware.Server.Web.SignIn;

/// <summary>The end of a web sign-in, reached through <c>/oauth/callback</c> (the one redirect URI the
/// service is registered with): takes the pending sign-in (single use), checks this browser started it
/// (ADR 0017), learns from the home instance whose account it is, revokes the token it got there (a
/// web session needs none), and starts a session with a new cookie.</summary>
public sealed class WebSignInCallback(
    IWebSessionStore sessions, IClientAccountStore accounts, HomeInstanceLogin homeLogin, UpstreamSecrets secrets,
    UpstreamRevocation revocation, PageFrames frames, IOptions<WebOptions> options, TimeProvider clock,
    ILogger<WebSignInCallback> log) : ISignInCallback
{
    /// <summary>Marks our states: '.' is not base64url, so no app login's state starts so.</summary>
    public const string StatePrefix = "web.";

    public async Task<IResult?> FinishAsync(HttpRequest request, string state, CancellationToken ct)
    {
        if (!state.StartsWith(StatePrefix, StringComparison.Ordinal))
            return null;
        var http = request.HttpContext;
        var now = clock.GetUtcNow();
        // Taken before the checks: a callback from the wrong browser spends the sign-in.
        var signIn = await sessions.TakeSignInAsync(state, now, ct);
        if (signIn is null)
            return Problem(http, StatusCodes.Status400BadRequest, "This sign-in has expired or was already used. Start again.", ReturnPath.Home);
        if (!LoginBinding.Matches(request, signIn.BrowserBindingHash, SessionCookie.BindingCookieName))
            return Problem(http, StatusCodes.Status400BadRequest,
                "This sign-in was started in another browser, or this browser did not keep its cookie. Start again here.", signIn.ReturnPath);
        if (request.Query["code"].ToString() is not { Length: > 0 } code)
            return Problem(http, StatusCodes.Status400BadRequest, "Your instance did not approve the sign-in.", signIn.ReturnPath);

        ClientAccount account;
        try
        {
            var (token, home) = await homeLogin.ExchangeAsync(signIn.InstanceHost, code, ct);
            account = await accounts.SaveWebSignInAsync(signIn.InstanceHost, home.Id, home.Acct, home.ActorUri, ct);
            // Not tied to this request: the browser need not wait for the home instance.
            var encrypted = secrets.Protect(token);
            _ = Task.Run(() => revocation.RevokeAsync(signIn.InstanceHost, encrypted), CancellationToken.None);
        }
        catch (UpstreamException e)
        {
            log.LogInformation("Web sign-in at {Host} failed: {Reason}", signIn.InstanceHost, e.Message);
            return Problem(http, e.Status, $"Your instance {signIn.InstanceHost} could not complete the sign-in. Try again later.", signIn.ReturnPath);
        }

        // Always a new session and cookie; one this browser had before is ended.
        if (SessionCookie.Read(request) is { } earlier)
            await sessions.DeleteSessionAsync(OAuthSecrets.Hash(earlier), ct);
        var secret = OAuthSecrets.NewSecret();
        var lifetime = options.Value.SessionLifetime;
        await sessions.AddSessionAsync(OAuthSecrets.Hash(secret), account.Id, now, now + lifetime, ct);
        SessionCookie.Give(http, secret, lifetime);
        log.LogInformation("Web session started for {Acct}", account.Acct);
        return WebPage.SeeOther(signIn.ReturnPath);
    }

    private IResult Problem(HttpContext http, int status, string message, string returnPath) =>
        Messages.Show(frames.For(http), status, "Sign-in problem", message, SignInEndpoints.SignInPath(returnPath), "Sign in again");
}
