using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using Middleware.Core.Accounts;
using Middleware.Server.ClientApi;

namespace Middleware.Server.Web.SignIn;

/// <summary>Turns the session cookie into the person's claims; a page that needs a person and has none
/// sends the browser to sign in, and back to that page afterwards (never an error page).</summary>
public sealed class WebSessionHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder,
    IWebSessionStore sessions, TimeProvider clock)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    /// <summary>The authentication scheme that turns the cookie into the person's claims.</summary>
    public const string SchemeName = "web-session";

    /// <summary>The authorization policy of pages that need a signed-in person.</summary>
    public const string Policy = "web-person";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (SessionCookie.Read(Request) is not { } secret)
            return AuthenticateResult.NoResult();
        var session = await sessions.FindSessionAsync(OAuthSecrets.Hash(secret), clock.GetUtcNow(), Context.RequestAborted);
        if (session is null)
            return AuthenticateResult.NoResult();
        var person = new WebPerson(session.AccountId, session.Acct, session.ActorUri);
        return AuthenticateResult.Success(new AuthenticationTicket(person.ToPrincipal(Scheme.Name), Scheme.Name));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status303SeeOther;
        Response.Headers.Location = SignInEndpoints.SignInPath(ReturnPath.Of(Request));
        Response.Headers.CacheControl = "no-store";
        return Task.CompletedTask;
    }
}
