using System.Text;
using System.Text.Encodings.Web;

namespace Middleware.Server.ClientApi;

/// <summary>The pages of the login: plain HTML forms, no JavaScript, every value HTML-encoded, never
/// framed or cached.</summary>
public static class AuthorizePage
{
    /// <summary>No <c>form-action</c>: browsers apply it to the redirect that follows a form post, and
    /// the handle form's post redirects to the person's home instance, an origin not known when the
    /// page is sent (ADR 0017).</summary>
    public const string ContentSecurityPolicy = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'";

    private static readonly HtmlEncoder Html = HtmlEncoder.Default;

    /// <summary>Asks for the person's handle; posts back with the pending login's state only. Names
    /// the app and where it sends the person back, because the home instance only shows "Middleware feeds".</summary>
    public static IResult HandleForm(string appName, string scopes, string redirectUri, string state, string? handle = null,
        string? problem = null, int status = 200)
    {
        var app = Html.Encode(appName);
        var body = new StringBuilder();
        body.Append($"<h1>Sign in to {app} through Middleware</h1>");
        body.Append($"<p>The app <strong>{app}</strong> asks to use your account with these permissions: <strong>{Html.Encode(scopes)}</strong>. ");
        body.Append(redirectUri == ClientApps.OutOfBand
            ? "Its code will be shown on this site for you to copy into the app.</p>"
            : $"After you approve, you are sent back to <strong>{Html.Encode(Origin(redirectUri))}</strong>.</p>");
        body.Append("<p>Your instance will ask you to approve <strong>Middleware feeds</strong>: approving there lets ");
        body.Append($"<strong>{app}</strong> act for you through Middleware. If you did not start this from {app}, stop here.</p>");
        if (problem is not null)
            body.Append($"<p role=\"alert\"><strong>{Html.Encode(problem)}</strong></p>");
        body.Append("<form method=\"post\" action=\"/oauth/authorize\">");
        body.Append($"<input type=\"hidden\" name=\"login\" value=\"{Html.Encode(state)}\">");
        body.Append("<label for=\"handle\">Your handle (e.g. @you@social.example)</label> ");
        body.Append($"<input id=\"handle\" name=\"handle\" required autocomplete=\"username\" value=\"{Html.Encode(handle ?? "")}\">");
        body.Append($" <button type=\"submit\">Continue at my instance for {app}</button></form>");
        return new Page("Sign in", body.ToString(), status);
    }

    /// <summary>Shows the code for apps registered with the out-of-band redirect URI.</summary>
    public static IResult ShowCode(string code) =>
        new Page("Authorization code", $"<h1>Authorization code</h1><p>Copy this code into your app:</p><p><code>{Html.Encode(code)}</code></p>", 200);

    public static IResult Error(int status, string error, string description) =>
        new Page("Sign-in problem", $"<h1>Sign-in problem</h1><p><strong>{Html.Encode(error)}</strong>: {Html.Encode(description)}</p>", status);

    private static string Origin(string uri) =>
        Uri.TryCreate(uri, UriKind.Absolute, out var parsed) && parsed.Authority.Length > 0 ? $"{parsed.Scheme}://{parsed.Authority}" : uri;

    /// <summary>An HTML page with the headers every login page carries.</summary>
    private sealed class Page(string title, string body, int status) : IResult
    {
        public Task ExecuteAsync(HttpContext http)
        {
            var headers = http.Response.Headers;
            headers.ContentSecurityPolicy = ContentSecurityPolicy;
            headers.XFrameOptions = "DENY";
            headers.CacheControl = "no-store";
            headers["Referrer-Policy"] = "no-referrer";
            return Results.Content(
                $"<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width\">" +
                $"<title>{Html.Encode(title)}</title></head><body>{body}</body></html>",
                "text/html; charset=utf-8", Encoding.UTF8, status).ExecuteAsync(http);
        }
    }
}
