using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;
using Middleware.Server.Tests.ClientApi;
using Middleware.Server.Tests.Infrastructure;
using Middleware.Server.Tests.Web;

namespace Middleware.Server.Tests.Edges;

/// <summary>Behind a TLS-terminating proxy the sign-in cookies are <c>Secure</c>, because the known
/// proxy's <c>X-Forwarded-Proto: https</c> is believed; the same header from anyone else is ignored.</summary>
public sealed class ProxyTrustTests : ClientApiFixture
{
    private const string Proxy = "10.0.0.1";

    protected override void Configure(MiddlewareFactory service) => service.Settings["Middleware:KnownProxies:0"] = Proxy;

    /// <summary>Opens the sign-in form and posts a handle from <paramref name="peer"/>, saying https;
    /// returns the cookies set by the form (antiforgery) and by the post (the sign-in's browser binding).</summary>
    private async Task<(string Form, string Post)> SignInCookiesAsync(string peer)
    {
        using var browser = Service.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        var open = PeerAddress.From(peer, HttpMethod.Get, "/login?return=%2F");
        open.Headers.Add("X-Forwarded-Proto", "https");
        var page = await browser.SendAsync(open);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var formCookie = WebSteps.SetCookie(page, "mw_csrf")!;

        var post = PeerAddress.From(peer, HttpMethod.Post, "/login", WebSteps.Form(
            (WebSteps.TokenField, WebSteps.Token(await page.Content.ReadAsStringAsync())), ("return", "/"), ("handle", Home.Handle)));
        post.Headers.Add("X-Forwarded-Proto", "https");
        post.Headers.Add("Cookie", formCookie.Split(';')[0]);
        var toHome = await browser.SendAsync(post);
        Assert.True(toHome.StatusCode == HttpStatusCode.Redirect, await toHome.Content.ReadAsStringAsync());
        return (formCookie, WebSteps.SetCookie(toHome, "mw_signin")!);
    }

    private static bool IsSecure(string setCookie) => Regex.IsMatch(setCookie, @";\s*secure(;|$)", RegexOptions.IgnoreCase);

    [Fact]
    public async Task From_the_known_proxy_forwarded_https_makes_the_sign_in_cookies_secure()
    {
        var (form, post) = await SignInCookiesAsync(Proxy);
        Assert.True(IsSecure(form), form);
        Assert.True(IsSecure(post), post);
    }

    [Fact]
    public async Task From_an_unknown_address_forwarded_https_is_ignored()
    {
        var (form, post) = await SignInCookiesAsync("192.0.2.50");
        Assert.False(IsSecure(form), form);
        Assert.False(IsSecure(post), post);
    }
}
