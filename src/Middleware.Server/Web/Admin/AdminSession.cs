using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.Extensions.Options;

namespace Middleware.Server.Web.Admin;

/// <summary>The admin pages' session (ADR 0030): ASP.NET Core's cookie authentication, the ticket
/// protected by Data Protection (the service's key ring), given after the admin token was pasted into
/// <c>/admin/login</c>. The cookie is <c>HttpOnly</c>, <c>SameSite=Strict</c>, <c>Secure</c> whenever the
/// request is https (a trusted proxy's <c>X-Forwarded-Proto</c> included), path <c>/admin</c>, and ends
/// after <see cref="WebOptions.AdminSessionLifetime"/> however much it is used. Only the <c>web-admin</c>
/// policy names this scheme, so the cookie authorizes no JSON endpoint: <c>/api/admin</c> keeps asking
/// for the bearer token, and a cross-site request carrying the cookie can do nothing there.</summary>
public static class AdminSession
{
    /// <summary>The authentication scheme of the admin pages.</summary>
    public const string SchemeName = "admin-session";

    /// <summary>The authorization policy of the admin pages.</summary>
    public const string Policy = "web-admin";

    public const string CookieName = "mw_admin";
    public const string LoginPath = "/admin/login";
    public const string Home = "/admin";

    public static IServiceCollection AddAdminSession(this IServiceCollection services)
    {
        services.AddAuthentication().AddCookie(SchemeName);
        services.AddOptions<CookieAuthenticationOptions>(SchemeName).Configure<IOptions<WebOptions>>((o, web) =>
        {
            o.Cookie.Name = CookieName;
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.Cookie.Path = Home;
            o.Cookie.IsEssential = true;
            o.ExpireTimeSpan = web.Value.AdminSessionLifetime;
            o.SlidingExpiration = false;
            // Signed out (or expired): the sign-in form, with no return address in the URL to forge.
            o.Events.OnRedirectToLogin = context => SeeOther(context.Response, LoginPath);
            o.Events.OnRedirectToAccessDenied = context => SeeOther(context.Response, LoginPath);
        });
        services.AddAuthorizationBuilder().AddPolicy(Policy, policy => policy
            .AddAuthenticationSchemes(SchemeName)
            .RequireAuthenticatedUser()
            .RequireClaim(ClaimTypes.Role, Role));
        return services;
    }

    private const string Role = "admin";

    /// <summary>Starts a session: a new cookie every time (a cookie planted before cannot become one).</summary>
    public static Task SignInAsync(HttpContext http, TimeProvider clock, TimeSpan lifetime)
    {
        var admin = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Role, Role), new Claim(ClaimTypes.Name, "admin")], SchemeName));
        var now = clock.GetUtcNow();
        return http.SignInAsync(SchemeName, admin, new AuthenticationProperties { IssuedUtc = now, ExpiresUtc = now + lifetime, IsPersistent = false });
    }

    public static Task SignOutAsync(HttpContext http) => http.SignOutAsync(SchemeName);

    /// <summary>True when the request carries a valid admin session (for the pages anyone may open).</summary>
    public static async Task<bool> IsSignedInAsync(HttpContext http)
    {
        var result = await http.AuthenticateAsync(SchemeName);
        if (!result.Succeeded)
            return false;
        http.User = result.Principal;
        return true;
    }

    private static Task SeeOther(HttpResponse response, string location)
    {
        response.StatusCode = StatusCodes.Status303SeeOther;
        response.Headers.Location = location;
        response.Headers.CacheControl = "no-store";
        return Task.CompletedTask;
    }
}
