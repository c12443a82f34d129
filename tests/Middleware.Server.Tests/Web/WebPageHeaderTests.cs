using System.Net;
using System.Net.Http.Json;
using Middleware.Server.Tests.ClientApi;

namespace Middleware.Server.Tests.Web;

/// <summary>What every page carries against framing, script injection, caching and referrer leaks,
/// and the one stylesheet.</summary>
public sealed class WebPageHeaderTests : ClientApiFixture
{
    private static void AssertPageHeaders(HttpResponseMessage page, bool formActionSelf = true)
    {
        var csp = string.Join(",", page.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("default-src 'none'", csp);
        Assert.Contains("style-src 'self'", csp);
        Assert.Contains("frame-ancestors 'none'", csp);
        Assert.Contains("base-uri 'none'", csp);
        Assert.DoesNotContain("script-src", csp);
        Assert.DoesNotContain("unsafe", csp);
        Assert.Equal(formActionSelf, csp.Contains("form-action 'self'"));
        Assert.Equal("DENY", Assert.Single(page.Headers.GetValues("X-Frame-Options")));
        Assert.Equal("no-referrer", Assert.Single(page.Headers.GetValues("Referrer-Policy")));
        Assert.Equal("nosniff", Assert.Single(page.Headers.GetValues("X-Content-Type-Options")));
        Assert.Contains("no-store", page.Headers.CacheControl!.ToString());
        Assert.Equal("text/html", page.Content.Headers.ContentType!.MediaType);
    }

    [Fact]
    public async Task The_sign_in_page_has_no_form_action_because_its_post_redirects_to_the_home_instance()
    {
        var page = await Client.GetAsync("/login?return=%2F");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        AssertPageHeaders(page, formActionSelf: false);
        var html = await page.Content.ReadAsStringAsync();
        Assert.StartsWith("<!DOCTYPE html>", html.TrimStart());
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(" style=", html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("<header", html);
        Assert.Contains("<main", html);
        Assert.Contains("<footer", html);
    }

    [Fact]
    public async Task Signed_in_pages_and_error_pages_carry_the_same_headers()
    {
        await this.SignInAsync(Client);
        var notFound = await Client.GetAsync("/feeds/unknown/vote");
        Assert.Equal(HttpStatusCode.NotFound, notFound.StatusCode);
        AssertPageHeaders(notFound);
        Assert.Contains("There is no public feed", await notFound.Content.ReadAsStringAsync());

        var refused = await Client.PostAsync("/feeds/unknown/vote", WebSteps.Form(("vote", "agree")));
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        AssertPageHeaders(refused);
    }

    [Fact]
    public async Task The_site_icon_that_browsers_ask_for_and_the_instance_names_is_a_png()
    {
        var instance = await Client.GetFromJsonAsync<System.Text.Json.JsonElement>("/api/v2/instance");
        var thumbnail = new Uri(instance.GetProperty("thumbnail").GetProperty("url").GetString()!);

        var icon = await Client.GetAsync(thumbnail.AbsolutePath);

        Assert.Equal(HttpStatusCode.OK, icon.StatusCode);
        Assert.Equal("image/png", icon.Content.Headers.ContentType!.MediaType);
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], (await icon.Content.ReadAsByteArrayAsync())[..4]);
    }

    [Fact]
    public async Task The_stylesheet_is_served_from_the_app_and_cached_under_its_versioned_url()
    {
        var html = await (await Client.GetAsync("/login")).Content.ReadAsStringAsync();
        var href = System.Text.RegularExpressions.Regex.Match(html, "<link rel=\"stylesheet\" href=\"([^\"]+)\"").Groups[1].Value;
        Assert.StartsWith("/static/site.css?v=", href);

        var css = await Client.GetAsync(href);
        Assert.Equal(HttpStatusCode.OK, css.StatusCode);
        Assert.Equal("text/css", css.Content.Headers.ContentType!.MediaType);
        Assert.Contains("immutable", css.Headers.CacheControl!.ToString());
        Assert.Contains(":focus-visible", await css.Content.ReadAsStringAsync());

        using var again = new HttpRequestMessage(HttpMethod.Get, href);
        again.Headers.TryAddWithoutValidation("If-None-Match", css.Headers.ETag!.ToString());
        Assert.Equal(HttpStatusCode.NotModified, (await Client.SendAsync(again)).StatusCode);
    }
}
