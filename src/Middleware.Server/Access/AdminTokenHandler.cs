using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using Middleware.Server.Admin;

namespace Middleware.Server.Access;

/// <summary>The admin API's bearer token (<see cref="AdminToken"/>, compared in constant time) as an
/// authentication scheme. Without it, or with another token: 401 with <c>WWW-Authenticate: Bearer</c>
/// and <c>{"error":"A valid admin bearer token is required."}</c>.</summary>
public sealed class AdminTokenHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, AdminToken token)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "admin-token";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var authorization = Request.Headers.Authorization.ToString();
        if (authorization.Length == 0)
            return Task.FromResult(AuthenticateResult.NoResult());
        if (!token.Matches(authorization))
            return Task.FromResult(AuthenticateResult.Fail("Not the admin token."));
        var admin = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Role, "admin")], Scheme.Name));
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(admin, Scheme.Name)));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties) => RefuseAsync();

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) => RefuseAsync();

    private Task RefuseAsync()
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = "Bearer";
        return Response.WriteAsJsonAsync(new { error = "A valid admin bearer token is required." });
    }
}
