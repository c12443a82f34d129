using Middleware.Server.ClientApi;

namespace Middleware.Server.Web.SignIn;

/// <summary>The web session cookie: 256 random bits (<c>HttpOnly</c>, <c>SameSite=Lax</c>, <c>Secure</c>
/// on https, path <c>/</c>), stored only as its SHA-256. It is made new at every sign-in and never
/// taken from the browser before, so a cookie planted earlier cannot become a session (fixation).</summary>
public static class SessionCookie
{
    public const string CookieName = "mw_session";

    /// <summary>The web sign-in's browser binding (ADR 0017): its own name, path <c>/</c> so the
    /// form post can keep one a browser already has (two sign-ins in two tabs both finish).</summary>
    public const string BindingCookieName = "mw_signin";

    /// <summary>The cookie's value when it has the shape we give out.</summary>
    public static string? Read(HttpRequest request) => LoginBinding.Cookie(request, CookieName);

    public static void Give(HttpContext http, string secret, TimeSpan lifetime) =>
        http.Response.Cookies.Append(CookieName, secret, Options(http, lifetime));

    public static void Clear(HttpContext http) => http.Response.Cookies.Delete(CookieName, Options(http, TimeSpan.Zero));

    private static CookieOptions Options(HttpContext http, TimeSpan lifetime) => new()
    {
        HttpOnly = true, SameSite = SameSiteMode.Lax, Secure = http.Request.IsHttps, Path = "/", MaxAge = lifetime,
        IsEssential = true,
    };
}
