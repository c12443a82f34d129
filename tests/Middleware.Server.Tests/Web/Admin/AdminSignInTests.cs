using System.Net;
using Middleware.Server.Tests.Infrastructure;
using Middleware.Server.Web.Admin;
using static Middleware.Server.Tests.Web.Admin.AdminSteps;
using static Middleware.Server.Tests.Web.WebSteps;

namespace Middleware.Server.Tests.Web.Admin;

/// <summary>Signing in to the admin pages with the admin token, as a stranger would try to get around it.</summary>
public sealed class AdminSignInTests : ServiceFixture
{
    [Fact]
    public async Task The_right_token_gives_an_HttpOnly_SameSite_Strict_session_cookie_for_the_admin_pages_only()
    {
        using var browser = NewBrowser(Service);

        var answer = await PostTokenAsync(browser);

        Assert.Equal(HttpStatusCode.SeeOther, answer.StatusCode);
        Assert.Equal("/admin", answer.Headers.Location!.OriginalString);
        var cookie = SetCookie(answer, AdminSession.CookieName)!;
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("path=/admin", cookie, StringComparison.OrdinalIgnoreCase);
        // Plain http here: a Secure cookie would never come back.
        Assert.DoesNotContain("secure", cookie.Replace("samesite=strict", "", StringComparison.OrdinalIgnoreCase), StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(MiddlewareFactory.AdminToken, cookie, StringComparison.Ordinal);
        var page = await browser.GetAsync(AdminSourcePages.Path);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("<h1>Sources</h1>", await page.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Over_https_the_cookie_is_Secure()
    {
        using var browser = NewBrowser(Service, "https://localhost");

        var cookie = SetCookie(await PostTokenAsync(browser), AdminSession.CookieName)!;

        Assert.Contains("; secure", cookie, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("not-the-token")]
    [InlineData(MiddlewareFactory.AdminToken + "x")]
    [InlineData("Bearer " + MiddlewareFactory.AdminToken)]
    public async Task A_wrong_token_is_refused_and_gets_no_cookie(string token)
    {
        using var browser = NewBrowser(Service);

        var answer = await PostTokenAsync(browser, token);

        Assert.Equal(HttpStatusCode.Unauthorized, answer.StatusCode);
        Assert.Null(SetCookie(answer, AdminSession.CookieName));
        Assert.Contains("That is not the admin token.", await answer.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.SeeOther, (await browser.GetAsync(AdminSourcePages.Path)).StatusCode);
    }

    [Fact]
    public async Task An_empty_token_is_a_400_naming_the_field()
    {
        using var browser = NewBrowser(Service);

        var answer = await PostTokenAsync(browser, "  ");

        Assert.Equal(HttpStatusCode.BadRequest, answer.StatusCode);
        Assert.Contains("token: paste the admin token.", await answer.Content.ReadAsStringAsync());
        Assert.Null(SetCookie(answer, AdminSession.CookieName));
    }

    [Fact]
    public async Task A_sign_in_without_the_form_s_antiforgery_token_is_refused()
    {
        using var browser = NewBrowser(Service);
        await browser.GetAsync("/admin/login");

        var answer = await browser.PostAsync("/admin/login", Form(("token", MiddlewareFactory.AdminToken)));

        Assert.Equal(HttpStatusCode.BadRequest, answer.StatusCode);
        Assert.Contains("Form refused", await answer.Content.ReadAsStringAsync());
        Assert.Null(SetCookie(answer, AdminSession.CookieName));
    }

    [Fact]
    public async Task The_token_never_travels_in_a_URL_and_a_token_in_the_query_signs_nobody_in()
    {
        using var browser = NewBrowser(Service);
        var form = await browser.GetAsync("/admin/login");
        var html = await form.Content.ReadAsStringAsync();
        Assert.Contains("method=\"post\" action=\"/admin/login\"", html);
        Assert.Contains("type=\"password\"", html);

        var answer = await PostTokenAsync(browser);
        Assert.DoesNotContain(MiddlewareFactory.AdminToken, answer.Headers.Location!.OriginalString, StringComparison.Ordinal);

        using var stranger = NewBrowser(Service);
        var query = await stranger.GetAsync($"/admin/login?token={MiddlewareFactory.AdminToken}");
        Assert.Null(SetCookie(query, AdminSession.CookieName));
        Assert.Equal(HttpStatusCode.SeeOther, (await stranger.GetAsync($"/admin/sources?token={MiddlewareFactory.AdminToken}")).StatusCode);
    }

    [Theory]
    [InlineData("/admin")]
    [InlineData("/admin/sources")]
    [InlineData("/admin/feeds")]
    [InlineData("/admin/feeds/news")]
    [InlineData("/admin/plugins")]
    [InlineData("/admin/coordination")]
    [InlineData("/admin/refits")]
    [InlineData("/admin/recipe-preview.js")]
    public async Task Signed_out_the_admin_pages_send_the_browser_to_sign_in(string page)
    {
        using var browser = NewBrowser(Service);

        var answer = await browser.GetAsync(page);

        Assert.Equal(HttpStatusCode.SeeOther, answer.StatusCode);
        Assert.Equal(AdminSession.LoginPath, answer.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task The_bearer_token_does_not_open_the_admin_pages()
    {
        using var api = NewBrowser(Service);
        api.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", MiddlewareFactory.AdminToken);

        var answer = await api.GetAsync(AdminSourcePages.Path);

        Assert.Equal(HttpStatusCode.SeeOther, answer.StatusCode);
        Assert.Equal(AdminSession.LoginPath, answer.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task The_session_cookie_is_not_accepted_by_the_admin_api()
    {
        using var browser = await SignedInAsync(Service);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync(AdminSourcePages.Path)).StatusCode);

        // Sent by hand to /api/admin: the browser would not (path /admin), a forged request could.
        var cookie = await CookieOfAsync();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/admin/stats");
        request.Headers.Add("Cookie", cookie);
        var answer = await Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, answer.StatusCode);
        using var post = new HttpRequestMessage(HttpMethod.Post, "/api/admin/sources") { Content = new StringContent("""{"type":"timeline","target":"https://x.example"}""", System.Text.Encoding.UTF8, "application/json") };
        post.Headers.Add("Cookie", cookie);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Client.SendAsync(post)).StatusCode);
    }

    [Fact]
    public async Task A_forged_or_altered_cookie_opens_nothing()
    {
        var genuine = (await CookieOfAsync())["mw_admin=".Length..];
        var altered = genuine[..^4] + (genuine[^4] == 'A' ? "B" : "A") + genuine[^3..];

        // The genuine cookie, sent the same way, opens the page: the refusals below are the cookie's.
        Assert.Equal(HttpStatusCode.OK, (await WithCookieAsync(genuine)).StatusCode);
        foreach (var value in new[] { "admin", "CfDJ8AAAAAAAAAAAAAAAAAAAAAA", altered })
        {
            var answer = await WithCookieAsync(value);

            Assert.Equal(HttpStatusCode.SeeOther, answer.StatusCode);
            Assert.Equal(AdminSession.LoginPath, answer.Headers.Location!.OriginalString);
        }
    }

    private async Task<HttpResponseMessage> WithCookieAsync(string value)
    {
        using var browser = NewBrowser(Service);
        using var request = new HttpRequestMessage(HttpMethod.Get, AdminSourcePages.Path);
        request.Headers.Add("Cookie", $"{AdminSession.CookieName}={value}");
        return await browser.SendAsync(request);
    }

    [Fact]
    public async Task Signing_out_ends_the_session_and_needs_the_form_s_token()
    {
        using var browser = await SignedInAsync(Service);

        var forged = await browser.PostAsync("/admin/logout", Form());
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync(AdminSourcePages.Path)).StatusCode);

        var answer = await PostFormAsync(browser, AdminSourcePages.Path, "/admin/logout");
        Assert.Equal(HttpStatusCode.SeeOther, answer.StatusCode);
        Assert.Equal(AdminSession.LoginPath, answer.Headers.Location!.OriginalString);
        Assert.Contains("expires=Thu, 01 Jan 1970", SetCookie(answer, AdminSession.CookieName)!, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(HttpStatusCode.SeeOther, (await browser.GetAsync(AdminSourcePages.Path)).StatusCode);
    }

    private async Task<string> CookieOfAsync()
    {
        using var browser = NewBrowser(Service);
        return SetCookie(await PostTokenAsync(browser), AdminSession.CookieName)!.Split(';')[0];
    }
}
