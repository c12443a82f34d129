using Microsoft.AspNetCore.Antiforgery;
using Microsoft.Extensions.Options;
using Middleware.ActivityPub.Actors;
using Middleware.Server.Web.SignIn;

namespace Middleware.Server.Web;

/// <summary>What the layout of every page needs: the instance's name, the stylesheet, who is signed
/// in (for the sign-out button), the request's antiforgery token for its forms, and the page itself.</summary>
public sealed record PageFrame(string InstanceName, string StylesheetUrl, WebPerson? Person, AntiforgeryTokenSet Antiforgery, string Page);

/// <summary>Makes the <see cref="PageFrame"/> of a request.</summary>
public sealed class PageFrames(IAntiforgery antiforgery, SiteStylesheet stylesheet, IOptions<WebOptions> options, LocalUrls urls)
{
    private string InstanceName => options.Value.InstanceName is { Length: > 0 } name ? name : urls.Host;

    public PageFrame For(HttpContext http) =>
        new(InstanceName, stylesheet.Url, WebPerson.From(http.User), antiforgery.GetAndStoreTokens(http), ReturnPath.Of(http.Request));
}
