using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Middleware.Server.Tests.Infrastructure;
using Middleware.Server.Web.Admin;
using static Middleware.Server.Tests.Web.Admin.AdminSteps;
using static Middleware.Server.Tests.Web.WebSteps;

namespace Middleware.Server.Tests.Web.Admin;

/// <summary>What bounds an admin session: its lifetime, the sign-in rate limit, and Secure behind a
/// trusted TLS proxy only.</summary>
public sealed class AdminSessionLimitTests : ServiceFixture
{
    private const string Proxy = "10.0.0.7";
    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2026, 12, 6, 9, 0, 0, TimeSpan.Zero));

    protected override void Configure(MiddlewareFactory service)
    {
        service.Settings["Middleware:RateLimits:SignIn:PermitLimit"] = "3";
        service.Settings["Middleware:RateLimits:SignIn:Window"] = "00:10:00";
        service.Settings["Middleware:KnownProxies:0"] = Proxy;
        service.TestServices = services => services.AddSingleton<TimeProvider>(clock);
    }

    [Fact]
    public async Task The_session_ends_after_its_lifetime_however_much_it_is_used()
    {
        using var browser = await SignedInAsync(Service);

        clock.Advance(TimeSpan.FromHours(7));
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync(AdminSourcePages.Path)).StatusCode);
        clock.Advance(TimeSpan.FromHours(1) + TimeSpan.FromMinutes(1));
        var expired = await browser.GetAsync(AdminSourcePages.Path);

        Assert.Equal(HttpStatusCode.SeeOther, expired.StatusCode);
        Assert.Equal(AdminSession.LoginPath, expired.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task The_cookie_is_a_browser_session_cookie_with_no_lasting_expiry()
    {
        using var browser = NewBrowser(Service);

        var cookie = SetCookie(await PostTokenAsync(browser), AdminSession.CookieName)!;

        Assert.DoesNotContain("expires=", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("max-age=", cookie, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Guessing_the_token_is_rate_limited_and_the_right_one_waits_too()
    {
        using var browser = NewBrowser(Service);
        for (var i = 0; i < 3; i++)
            Assert.Equal(HttpStatusCode.Unauthorized, (await PostTokenAsync(browser, $"guess-{i}")).StatusCode);

        var limited = await PostTokenAsync(browser);

        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.NotNull(limited.Headers.RetryAfter);
        Assert.Null(SetCookie(limited, AdminSession.CookieName));
    }

    [Theory]
    [InlineData(Proxy, true)]
    [InlineData("10.0.0.8", false)]
    public async Task Behind_a_known_TLS_proxy_the_cookie_is_Secure_and_a_stranger_claiming_https_changes_nothing(string peer, bool secure)
    {
        using var browser = Service.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        var form = await browser.SendAsync(ViaProxy(peer, HttpMethod.Get, "/admin/login"));
        var csrf = SetCookie(form, "mw_csrf")!.Split(';')[0];
        var post = ViaProxy(peer, HttpMethod.Post, "/admin/login",
            Form((TokenField, Token(await form.Content.ReadAsStringAsync())), ("token", MiddlewareFactory.AdminToken)));
        post.Headers.Add("Cookie", csrf);

        var cookie = SetCookie(await browser.SendAsync(post), AdminSession.CookieName)!;

        Assert.Equal(secure, cookie.Contains("; secure", StringComparison.OrdinalIgnoreCase));
    }

    private static HttpRequestMessage ViaProxy(string peer, HttpMethod method, string path, HttpContent? content = null)
    {
        var request = PeerAddress.From(peer, method, path, content);
        request.Headers.Add("X-Forwarded-Proto", "https");
        request.Headers.Add("X-Forwarded-For", "203.0.113.9");
        return request;
    }
}
