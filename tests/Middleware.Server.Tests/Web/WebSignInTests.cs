using System.Net;
using System.Security.Cryptography;
using System.Text;
using Middleware.Server.Tests.ClientApi;
using static Middleware.Server.Tests.Web.WebSteps;

namespace Middleware.Server.Tests.Web;

/// <summary>Signing in on the web pages with a fediverse handle: the client API's pass-through login
/// asking for <c>read</c>, back through the same callback, into a session cookie.</summary>
public sealed class WebSignInTests : ClientApiFixture
{
    private const string VotePage = "/feeds/news/vote";

    [Fact]
    public async Task A_page_that_needs_a_person_sends_the_browser_to_sign_in_and_back()
    {
        var first = await Client.GetAsync(VotePage);
        Assert.Equal(HttpStatusCode.SeeOther, first.StatusCode);
        Assert.Equal("/login?return=%2Ffeeds%2Fnews%2Fvote", first.Headers.Location!.OriginalString);

        var back = await this.SignInAsync(Client, VotePage);
        Assert.Equal(HttpStatusCode.SeeOther, back.StatusCode);
        Assert.Equal(VotePage, back.Headers.Location!.OriginalString);
        // Signed in now: the page answers (its feed does not exist, so with the 404 page, not a redirect).
        var page = await Client.GetAsync(VotePage);
        Assert.Equal(HttpStatusCode.NotFound, page.StatusCode);
        Assert.Contains("Signed in as <strong>@alice@", await page.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task The_home_instance_is_asked_for_read_only_and_its_token_is_not_kept()
    {
        var toHome = await PostHandleAsync(Client, Home.Handle);
        Assert.Equal(HttpStatusCode.Redirect, toHome.StatusCode);
        Assert.Contains("scope=read&", toHome.Headers.Location!.Query + "&");
        Assert.Contains($"redirect_uri={Uri.EscapeDataString("http://localhost/oauth/callback")}", toHome.Headers.Location.Query);
        Assert.StartsWith("?client_id=upstream-client", toHome.Headers.Location.Query);

        var back = await Client.GetAsync(await LoginSteps.ApproveAtHomeAsync(toHome));
        Assert.Equal(HttpStatusCode.SeeOther, back.StatusCode);
        Assert.Equal("", await ScalarAsync("SELECT upstream_token FROM client_accounts"));
        var issued = Assert.Single(Remote.PostsTo("/oauth/token")).Body;
        Assert.Contains("grant_type=authorization_code", issued);
        await Infrastructure.Eventually.TrueAsync(() => Task.FromResult(Remote.PostsTo("/oauth/revoke").Any()), "the upstream token revoked");
    }

    [Fact]
    public async Task The_session_cookie_is_new_random_HttpOnly_Lax_and_stored_only_as_a_hash()
    {
        using var browser = this.NewBrowser();
        var back = await this.SignInAsync(browser);

        var cookie = SetCookie(back, "mw_session")!;
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=lax", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("path=/;", cookie + ";", StringComparison.OrdinalIgnoreCase);
        var value = cookie.Split(';')[0]["mw_session=".Length..];
        Assert.Equal(43, value.Length);
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(value)));
        Assert.Equal(1L, await ScalarAsync($"SELECT COUNT(*) FROM web_sessions WHERE token_hash = '{hash}'"));
        Assert.Equal(0L, await ScalarAsync($"SELECT COUNT(*) FROM web_sessions WHERE token_hash = '{value}'"));
    }

    [Fact]
    public async Task A_cookie_planted_before_sign_in_never_becomes_the_session()
    {
        const string planted = "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";
        using var browser = this.NewBrowser(cookies: false);
        var form = await browser.GetAsync("/login?return=%2F");
        var html = await form.Content.ReadAsStringAsync();
        var csrf = SetCookie(form, "mw_csrf")!.Split(';')[0];
        using var post = new HttpRequestMessage(HttpMethod.Post, "/login")
        {
            Content = Form((TokenField, Token(html)), ("return", "/"), ("handle", Home.Handle)),
        };
        post.Headers.Add("Cookie", $"{csrf}; mw_session={planted}");
        var toHome = await browser.SendAsync(post);
        var binding = SetCookie(toHome, "mw_signin")!.Split(';')[0];

        using var callback = new HttpRequestMessage(HttpMethod.Get, await LoginSteps.ApproveAtHomeAsync(toHome));
        callback.Headers.Add("Cookie", $"{binding}; mw_session={planted}");
        var back = await browser.SendAsync(callback);

        Assert.Equal(HttpStatusCode.SeeOther, back.StatusCode);
        var given = SetCookie(back, "mw_session")!.Split(';')[0]["mw_session=".Length..];
        Assert.NotEqual(planted, given);
        var plantedHash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(planted)));
        Assert.Equal(0L, await ScalarAsync($"SELECT COUNT(*) FROM web_sessions WHERE token_hash = '{plantedHash}'"));
    }

    [Theory]
    [InlineData("//evil.example/")]
    [InlineData("/\\evil.example/")]
    [InlineData("https://evil.example/")]
    [InlineData("/\t/evil.example")]
    public async Task A_return_target_off_the_site_is_refused_on_the_form_and_on_its_post(string target)
    {
        var page = await Client.GetAsync($"/login?return={Uri.EscapeDataString(target)}");
        Assert.Equal(HttpStatusCode.BadRequest, page.StatusCode);
        Assert.Null(page.Headers.Location);

        var form = await (await Client.GetAsync("/login")).Content.ReadAsStringAsync();
        var post = await Client.PostAsync("/login", Form((TokenField, Token(form)), ("return", target), ("handle", Home.Handle)));
        Assert.Equal(HttpStatusCode.BadRequest, post.StatusCode);
        Assert.Empty(Remote.PostsTo("/api/v1/apps"));
        Assert.Equal(0L, await ScalarAsync("SELECT COUNT(*) FROM web_sign_ins"));
    }

    [Fact]
    public async Task A_handle_form_posted_without_its_antiforgery_token_goes_nowhere()
    {
        await Client.GetAsync("/login");
        var forged = await Client.PostAsync("/login", Form(("return", "/"), ("handle", Home.Handle)));
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Contains("Form refused", await forged.Content.ReadAsStringAsync());

        using var attacker = this.NewBrowser();
        var attackersToken = Token(await (await attacker.GetAsync("/login")).Content.ReadAsStringAsync());
        var crossSite = await Client.PostAsync("/login", Form((TokenField, attackersToken), ("return", "/"), ("handle", Home.Handle)));
        Assert.Equal(HttpStatusCode.BadRequest, crossSite.StatusCode);

        Assert.Empty(Remote.PostsTo("/api/v1/apps"));
        Assert.Equal(0L, await ScalarAsync("SELECT COUNT(*) FROM web_sign_ins"));
    }

    [Fact]
    public async Task A_callback_in_another_browser_or_a_second_time_starts_no_session()
    {
        var callback = await LoginSteps.ApproveAtHomeAsync(await PostHandleAsync(Client, Home.Handle));
        using var victim = this.NewBrowser();
        var elsewhere = await victim.GetAsync(callback);
        Assert.Equal(HttpStatusCode.BadRequest, elsewhere.StatusCode);
        Assert.Contains("another browser", await elsewhere.Content.ReadAsStringAsync());
        Assert.Null(SetCookie(elsewhere, "mw_session"));

        // The wrong browser spent it: the right one cannot finish it either.
        var again = await Client.GetAsync(callback);
        Assert.Equal(HttpStatusCode.BadRequest, again.StatusCode);
        Assert.Contains("expired or was already used", await again.Content.ReadAsStringAsync());
        Assert.Equal(0L, await ScalarAsync("SELECT COUNT(*) FROM web_sessions"));
        Assert.Empty(Remote.PostsTo("/oauth/token"));
    }

    [Fact]
    public async Task The_callback_tells_web_states_from_app_states()
    {
        var web = await Client.GetAsync("/oauth/callback?state=web.unknown&code=x");
        Assert.Equal(HttpStatusCode.BadRequest, web.StatusCode);
        Assert.Contains("This sign-in has expired or was already used. Start again.", await web.Content.ReadAsStringAsync());
        Assert.Contains("style-src 'self'", string.Join(",", web.Headers.GetValues("Content-Security-Policy")));

        var app = await Client.GetAsync("/oauth/callback?state=unknown&code=x");
        Assert.Equal(HttpStatusCode.BadRequest, app.StatusCode);
        Assert.Contains("Start again from your app.", await app.Content.ReadAsStringAsync());
        Assert.Empty(Remote.PostsTo("/oauth/token"));
    }

    [Fact]
    public async Task Signing_out_ends_the_session_and_needs_the_form_token()
    {
        await this.SignInAsync(Client, "/login");
        var signedIn = await Client.GetAsync("/feeds/none/vote");
        var token = Token(await signedIn.Content.ReadAsStringAsync());

        var forged = await Client.PostAsync("/logout", Form(("return", "/")));
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Equal(1L, await ScalarAsync("SELECT COUNT(*) FROM web_sessions"));

        var signedOut = await Client.PostAsync("/logout", Form((TokenField, token), ("return", "/feeds/none/vote")));
        Assert.Equal(HttpStatusCode.OK, signedOut.StatusCode);
        Assert.Contains("mw_session=;", SetCookie(signedOut, "mw_session"));
        Assert.Equal(0L, await ScalarAsync("SELECT COUNT(*) FROM web_sessions"));
        Assert.Equal(HttpStatusCode.SeeOther, (await Client.GetAsync("/feeds/none/vote")).StatusCode);
    }

    [Fact]
    public async Task An_expired_session_is_no_session()
    {
        await this.SignInAsync(Client);
        await ScalarAsync("UPDATE web_sessions SET expires_at = 0");
        var page = await Client.GetAsync(VotePage);
        Assert.Equal(HttpStatusCode.SeeOther, page.StatusCode);
        Assert.StartsWith("/login?", page.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task An_app_login_and_a_web_sign_in_of_one_person_share_the_account_and_keep_the_apps_token()
    {
        var token = await LoginAsync();
        await this.SignInAsync(Client);

        Assert.Equal(1L, await ScalarAsync("SELECT COUNT(*) FROM client_accounts"));
        Assert.StartsWith("CfDJ8", (string)(await ScalarAsync("SELECT upstream_token FROM client_accounts"))!);
        using var app = ClientWithToken(token);
        Assert.Equal(HttpStatusCode.OK, (await app.GetAsync("/api/v1/accounts/verify_credentials")).StatusCode);
    }
}
