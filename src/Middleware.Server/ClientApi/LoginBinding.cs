namespace Middleware.Server.ClientApi;

/// <summary>Binds a pending login to the browser that opened the handle form: a random HttpOnly
/// cookie (SameSite=Lax, so a cross-site form post does not carry it) whose SHA-256 is stored with
/// the login. The form post and the callback must bring it back, so a login started by someone else
/// cannot be finished in this browser (login CSRF, consent bypass; ADR 0017).</summary>
public static class LoginBinding
{
    /// <summary>Not <c>__Host-</c>: that prefix needs https, and tests and closed networks run on http.</summary>
    public const string CookieName = "mw_login";

    /// <summary>Gives the browser its cookie (keeping one it already has, so two logins in two tabs
    /// both work) and returns the hash to store with the pending login.</summary>
    public static string Bind(HttpContext http, TimeSpan lifetime) => Bind(http, lifetime, CookieName, "/oauth");

    /// <summary>As <see cref="Bind(HttpContext, TimeSpan)"/> with a cookie of another name and path
    /// (the web sign-in's, whose form is not under <c>/oauth</c>).</summary>
    public static string Bind(HttpContext http, TimeSpan lifetime, string cookieName, string path)
    {
        var value = Cookie(http.Request, cookieName) ?? OAuthSecrets.NewSecret();
        http.Response.Cookies.Append(cookieName, value, new CookieOptions
        {
            HttpOnly = true, SameSite = SameSiteMode.Lax, Path = path, Secure = http.Request.IsHttps, MaxAge = lifetime,
        });
        return OAuthSecrets.Hash(value);
    }

    /// <summary>True when the request carries the cookie the login was bound to (constant-time).</summary>
    public static bool Matches(HttpRequest request, string? bindingHash, string cookieName = CookieName) =>
        bindingHash is not null && Cookie(request, cookieName) is { } value && OAuthSecrets.SameSecret(OAuthSecrets.Hash(value), bindingHash);

    /// <summary>The cookie when it has the shape we give out (43 base64url characters).</summary>
    public static string? Cookie(HttpRequest request, string cookieName) =>
        request.Cookies[cookieName] is { Length: 43 } value && value.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_') ? value : null;
}
