using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Middleware.Server.Tests.ClientApi;

/// <summary>The browser's steps of a login, one at a time, for tests that interleave browsers.</summary>
public static class LoginSteps
{
    /// <summary>A browser of its own: its own cookies, no redirects followed.</summary>
    public static HttpClient NewBrowser(this ClientApiFixture fixture, bool cookies = true) =>
        fixture.Service.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = cookies });

    /// <summary>Opens the handle form; returns the pending login's state from it.</summary>
    public static async Task<string> OpenFormAsync(HttpClient browser, string clientId, string redirect = ClientApiFixture.AppRedirect)
    {
        var page = await browser.GetAsync($"/oauth/authorize?client_id={clientId}&redirect_uri={Uri.EscapeDataString(redirect)}&response_type=code&scope=read&state=app-state");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        return Regex.Match(await page.Content.ReadAsStringAsync(), "name=\"login\" value=\"([^\"]+)\"").Groups[1].Value;
    }

    public static Task<HttpResponseMessage> PostHandleAsync(HttpClient browser, string login, string handle) =>
        browser.PostAsync("/oauth/authorize", OAuthLoginTests.Form(("login", login), ("handle", handle)));

    /// <summary>Follows the redirect to the home instance, which approves at once; returns the
    /// path and query of our callback it sends the browser to.</summary>
    public static async Task<string> ApproveAtHomeAsync(HttpResponseMessage toHome)
    {
        Assert.True(toHome.StatusCode == HttpStatusCode.Redirect, await toHome.Content.ReadAsStringAsync());
        using var atHome = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });
        var approved = await atHome.GetAsync(toHome.Headers.Location);
        return approved.Headers.Location!.PathAndQuery;
    }
}
