using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Middleware.Server.Web;

/// <summary>Every HTML page of the site: a Razor component rendered on the server (no JavaScript, no
/// interactivity) with the headers every page carries.</summary>
public static class WebPage
{
    /// <summary>Our own stylesheet and nothing else: no script at all, no inline styles, no framing, forms
    /// only to this site.</summary>
    public const string ContentSecurityPolicy =
        "default-src 'none'; style-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

    /// <summary>The handle form's post redirects to the person's home instance, an origin not known
    /// when the page is sent, and browsers apply <c>form-action</c> to that redirect too (ADR 0017), so
    /// the sign-in page has none.</summary>
    public const string SignInContentSecurityPolicy =
        "default-src 'none'; style-src 'self'; frame-ancestors 'none'; base-uri 'none'";

    /// <summary>Renders <typeparamref name="TComponent"/> with these parameters.</summary>
    public static IResult Render<TComponent>(IReadOnlyDictionary<string, object?> parameters, int status = StatusCodes.Status200OK,
        string contentSecurityPolicy = ContentSecurityPolicy) where TComponent : IComponent =>
        new Page(new RazorComponentResult<TComponent>(parameters) { StatusCode = status, PreventStreamingRendering = true }, contentSecurityPolicy);

    /// <summary>The headers of every page: a strict CSP, never framed, never cached (pages are
    /// personal), no referrer to the sites posts link to, no content sniffing.</summary>
    public static void SetHeaders(HttpResponse response, string contentSecurityPolicy = ContentSecurityPolicy)
    {
        var headers = response.Headers;
        headers.ContentSecurityPolicy = contentSecurityPolicy;
        headers.XFrameOptions = "DENY";
        headers.XContentTypeOptions = "nosniff";
        headers.CacheControl = "no-store";
        headers["Referrer-Policy"] = "no-referrer";
        headers["Cross-Origin-Opener-Policy"] = "same-origin";
    }

    /// <summary>A redirect after a form post (303: the browser follows it with a GET).</summary>
    public static IResult SeeOther(string localPath) => new Redirect(localPath);

    private sealed class Page(IResult inner, string contentSecurityPolicy) : IResult
    {
        public Task ExecuteAsync(HttpContext http)
        {
            SetHeaders(http.Response, contentSecurityPolicy);
            return inner.ExecuteAsync(http);
        }
    }

    private sealed class Redirect(string location) : IResult
    {
        public Task ExecuteAsync(HttpContext http)
        {
            http.Response.StatusCode = StatusCodes.Status303SeeOther;
            http.Response.Headers.Location = location;
            http.Response.Headers.CacheControl = "no-store";
            return Task.CompletedTask;
        }
    }
}
