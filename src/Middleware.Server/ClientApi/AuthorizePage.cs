using System.Text;
using System.Text.Encodings.Web;

namespace Middleware.Server.ClientApi;

/// <summary>The pages of the login: plain HTML forms, no JavaScript, every value HTML-encoded.</summary>
public static class AuthorizePage
{
    private static readonly HtmlEncoder Html = HtmlEncoder.Default;

    /// <summary>Asks for the person's handle; posts back with the pending login's state only.</summary>
    public static IResult HandleForm(string appName, string scopes, string state, string? handle = null, string? problem = null, int status = 200)
    {
        var body = new StringBuilder();
        body.Append("<h1>Sign in through Middleware</h1>");
        body.Append($"<p><strong>{Html.Encode(appName)}</strong> asks to use your account ({Html.Encode(scopes)}). ");
        body.Append("Your home timeline will be ranked by the feed you choose; you approve the app at your own instance.</p>");
        if (problem is not null)
            body.Append($"<p role=\"alert\"><strong>{Html.Encode(problem)}</strong></p>");
        body.Append("<form method=\"post\" action=\"/oauth/authorize\">");
        body.Append($"<input type=\"hidden\" name=\"login\" value=\"{Html.Encode(state)}\">");
        body.Append("<label for=\"handle\">Your handle (e.g. @you@social.example)</label> ");
        body.Append($"<input id=\"handle\" name=\"handle\" required autocomplete=\"username\" value=\"{Html.Encode(handle ?? "")}\">");
        body.Append(" <button type=\"submit\">Continue at my instance</button></form>");
        return Page("Sign in", body.ToString(), status);
    }

    /// <summary>Shows the code for apps registered with the out-of-band redirect URI.</summary>
    public static IResult ShowCode(string code) =>
        Page("Authorization code", $"<h1>Authorization code</h1><p>Copy this code into your app:</p><p><code>{Html.Encode(code)}</code></p>", 200);

    public static IResult Error(int status, string error, string description) =>
        Page("Sign-in problem", $"<h1>Sign-in problem</h1><p><strong>{Html.Encode(error)}</strong>: {Html.Encode(description)}</p>", status);

    private static IResult Page(string title, string body, int status) =>
        Results.Content(
            $"<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width\">" +
            $"<title>{Html.Encode(title)}</title></head><body>{body}</body></html>",
            "text/html; charset=utf-8", Encoding.UTF8, status);
}
