using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using Middleware.Server.ClientApi;

namespace Middleware.Server.Access;

/// <summary>A client API bearer token (ours, issued at <c>/oauth/token</c>) as an authentication
/// scheme: the token's app, scopes and person as claims. The caller it resolves is kept for the
/// request, so the endpoint's own checks (Mastodon's scope and "authenticated user" answers, in
/// Mastodon's order) read no token twice. Without a valid token: Mastodon's 401
/// <c>{"error":"The access token is invalid"}</c>.</summary>
public sealed class ClientTokenHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, ClientCallers callers)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "client-token";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var (caller, _) = await callers.ResolveAsync(Request, userRequired: false, Context.RequestAborted);
        if (caller is null)
            return AuthenticateResult.Fail("The access token is invalid");
        var claims = new List<Claim> { new("scope", caller.Token.Scopes) };
        if (caller.Account is { } account)
            claims.Add(new Claim(ClaimTypes.NameIdentifier, account.ActorUri));
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(new ClaimsIdentity(claims, Scheme.Name)), Scheme.Name));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties) => RefuseAsync();

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) => RefuseAsync();

    private Task RefuseAsync()
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        return Response.WriteAsJsonAsync(new { error = "The access token is invalid" });
    }
}
