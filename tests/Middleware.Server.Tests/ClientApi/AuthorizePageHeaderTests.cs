using System.Net;
using System.Text.RegularExpressions;

namespace Middleware.Server.Tests.ClientApi;

/// <summary>The login pages cannot be framed or cached, and the form says which app asks (review H1, L14).</summary>
public sealed class AuthorizePageHeaderTests : ClientApiFixture
{
    [Fact]
    public async Task The_handle_form_and_the_error_page_cannot_be_framed_or_cached()
    {
        var (id, _) = await RegisterAppAsync();
        AssertLoginPageHeaders(await Client.GetAsync($"/oauth/authorize?client_id={id}&redirect_uri={Uri.EscapeDataString(AppRedirect)}&scope=read"));
        AssertLoginPageHeaders(await Client.GetAsync("/oauth/authorize?client_id=nobody"));
    }

    [Fact]
    public async Task The_out_of_band_code_page_cannot_be_framed_or_cached()
    {
        await Client.PostAsync("/api/v1/apps", OAuthLoginTests.Form(("client_name", "Oob app"), ("redirect_uris", "urn:ietf:wg:oauth:2.0:oob")));
        var oob = (string)(await ScalarAsync("SELECT client_id FROM client_apps WHERE name = 'Oob app'"))!;
        var state = await LoginSteps.OpenFormAsync(Client, oob, "urn:ietf:wg:oauth:2.0:oob");
        var callback = await LoginSteps.ApproveAtHomeAsync(await LoginSteps.PostHandleAsync(Client, state, Home.Handle));

        var page = await Client.GetAsync(callback);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("<code>", await page.Content.ReadAsStringAsync());
        AssertLoginPageHeaders(page);
    }

    [Fact]
    public async Task The_handle_form_names_the_app_and_where_it_sends_the_person()
    {
        var (id, _) = await RegisterAppAsync(name: "Shady Reader");
        var page = await (await Client.GetAsync($"/oauth/authorize?client_id={id}&redirect_uri={Uri.EscapeDataString(AppRedirect)}&scope=read")).Content.ReadAsStringAsync();

        Assert.Contains("<h1>Sign in to Shady Reader through Middleware</h1>", page);
        Assert.Contains("https://app.example", page);
        Assert.Contains("approve <strong>Middleware feeds</strong>", page);
        Assert.Matches(new Regex("<button[^>]*>[^<]*Shady Reader</button>"), page);
    }

    private static void AssertLoginPageHeaders(HttpResponseMessage page)
    {
        var csp = string.Join(";", page.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("frame-ancestors 'none'", csp);
        // form-action would block the redirect to the home instance that follows the form post.
        Assert.DoesNotContain("form-action", csp);
        Assert.Equal("DENY", Assert.Single(page.Headers.GetValues("X-Frame-Options")));
        Assert.True(page.Headers.CacheControl?.NoStore, "Cache-Control: no-store");
    }
}
