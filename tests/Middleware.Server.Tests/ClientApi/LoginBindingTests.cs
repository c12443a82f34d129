using System.Net;

namespace Middleware.Server.Tests.ClientApi;

/// <summary>A login is bound to the browser that opened the handle form (review H1).</summary>
public sealed class LoginBindingTests : ClientApiFixture
{
    [Fact]
    public async Task A_form_post_from_another_browser_is_refused_and_goes_nowhere()
    {
        var (id, _) = await RegisterAppAsync();
        var attackersState = await LoginSteps.OpenFormAsync(Client, id);

        using var victim = this.NewBrowser();
        var forged = await LoginSteps.PostHandleAsync(victim, attackersState, Home.Handle);
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Contains("another browser", await forged.Content.ReadAsStringAsync());
        using var noCookies = this.NewBrowser(cookies: false);
        Assert.Equal(HttpStatusCode.BadRequest, (await LoginSteps.PostHandleAsync(noCookies, attackersState, Home.Handle)).StatusCode);

        Assert.Empty(Remote.PostsTo("/api/v1/apps"));
        Assert.Equal(0L, await ScalarAsync("SELECT COUNT(*) FROM oauth_pending_logins WHERE instance_host IS NOT NULL"));
    }

    [Fact]
    public async Task A_callback_in_another_browser_issues_nothing()
    {
        var (id, _) = await RegisterAppAsync();
        var state = await LoginSteps.OpenFormAsync(Client, id);
        var callback = await LoginSteps.ApproveAtHomeAsync(await LoginSteps.PostHandleAsync(Client, state, Home.Handle));

        using var victim = this.NewBrowser();
        var answer = await victim.GetAsync(callback);
        Assert.Equal(HttpStatusCode.BadRequest, answer.StatusCode);
        Assert.Contains("another browser", await answer.Content.ReadAsStringAsync());
        Assert.Equal(0L, await ScalarAsync("SELECT COUNT(*) FROM client_accounts"));
        Assert.Equal(0L, await ScalarAsync("SELECT COUNT(*) FROM oauth_codes"));
        Assert.Empty(Remote.PostsTo("/oauth/token"));
    }

    [Fact]
    public async Task The_login_cookie_is_HttpOnly_Lax_scoped_to_oauth_and_stored_only_as_a_hash()
    {
        var (id, _) = await RegisterAppAsync();
        using var browser = this.NewBrowser(cookies: false);
        var page = await browser.GetAsync($"/oauth/authorize?client_id={id}&redirect_uri={Uri.EscapeDataString(AppRedirect)}&scope=read");

        var cookie = Assert.Single(page.Headers.GetValues("Set-Cookie"));
        Assert.StartsWith("mw_login=", cookie);
        Assert.Contains("path=/oauth", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=lax", cookie, StringComparison.OrdinalIgnoreCase);
        var value = cookie.Split(';')[0]["mw_login=".Length..];
        Assert.Equal(0L, await ScalarAsync($"SELECT COUNT(*) FROM oauth_pending_logins WHERE browser_binding = '{value}'"));
        Assert.Equal(1L, await ScalarAsync("SELECT COUNT(*) FROM oauth_pending_logins WHERE length(browser_binding) = 64"));
    }

    [Fact]
    public async Task Two_logins_started_in_one_browser_both_complete()
    {
        var (id, _) = await RegisterAppAsync();
        var first = await LoginSteps.OpenFormAsync(Client, id);
        var second = await LoginSteps.OpenFormAsync(Client, id);

        foreach (var state in new[] { first, second })
        {
            var callback = await LoginSteps.ApproveAtHomeAsync(await LoginSteps.PostHandleAsync(Client, state, Home.Handle));
            var toApp = await Client.GetAsync(callback);
            Assert.Equal(HttpStatusCode.Redirect, toApp.StatusCode);
            Assert.StartsWith(AppRedirect, toApp.Headers.Location!.AbsoluteUri);
        }
    }

    [Fact]
    public async Task A_login_that_expires_while_registering_at_the_instance_does_not_go_on()
    {
        var (id, _) = await RegisterAppAsync();
        var state = await LoginSteps.OpenFormAsync(Client, id);
        Remote.Route("/api/v1/apps", async context =>
        {
            await ScalarAsync("UPDATE oauth_pending_logins SET expires_at = 0");
            await MastodonStandIn.Json(context, new { client_id = "upstream-client", client_secret = "upstream-secret" });
        });

        var answer = await LoginSteps.PostHandleAsync(Client, state, Home.Handle);
        Assert.Equal(HttpStatusCode.BadRequest, answer.StatusCode);
        Assert.Contains("expired", await answer.Content.ReadAsStringAsync());
    }
}
