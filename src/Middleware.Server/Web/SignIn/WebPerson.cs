using System.Globalization;
using System.Security.Claims;

namespace Middleware.Server.Web.SignIn;

/// <summary>The signed-in person of a web request: their account (shared with the client API), handle
/// and actor id, as the session handler put them into the request's claims.</summary>
public sealed record WebPerson(long AccountId, string Acct, string ActorUri)
{
    private const string ActorClaim = "actor";

    public string Handle => $"@{Acct}";

    public ClaimsPrincipal ToPrincipal(string scheme) => new(new ClaimsIdentity(
    [
        new Claim(ClaimTypes.NameIdentifier, AccountId.ToString(CultureInfo.InvariantCulture)),
        new Claim(ClaimTypes.Name, Acct),
        new Claim(ActorClaim, ActorUri),
    ], scheme));

    /// <summary>The person when the request was authenticated by a web session, else null.</summary>
    public static WebPerson? From(ClaimsPrincipal user) =>
        user.Identity is { IsAuthenticated: true, AuthenticationType: WebSessionHandler.SchemeName }
        && long.TryParse(user.FindFirstValue(ClaimTypes.NameIdentifier), CultureInfo.InvariantCulture, out var id)
        && user.FindFirstValue(ClaimTypes.Name) is { } acct && user.FindFirstValue(ActorClaim) is { } actor
            ? new WebPerson(id, acct, actor)
            : null;
}
