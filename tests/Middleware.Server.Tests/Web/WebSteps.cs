using System.Net;
using System.Text.RegularExpressions;
using Middleware.Server.Tests.ClientApi;

namespace Middleware.Server.Tests.Web;

/// <summary>A browser's steps on the web pages: forms with their antiforgery token, and the sign-in
/// through the stand-in home instance (which approves at once).</summary>
public static partial class WebSteps
{
    public const string TokenField = "__RequestVerificationToken";

    /// <summary>The antiforgery token of the first form on the page.</summary>
    public static string Token(string html) => TokenPattern().Match(html) is { Success: true } m
        ? WebUtility.HtmlDecode(m.Groups[1].Value)
        : throw new InvalidOperationException("The page has no antiforgery token:\n" + html);

    public static FormUrlEncodedContent Form(params (string Name, string Value)[] fields) =>
        new(fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value)));

    /// <summary>Opens the sign-in page and posts the handle; returns the answer to the post.</summary>
    public static async Task<HttpResponseMessage> PostHandleAsync(HttpClient browser, string handle, string returnPath = "/feeds/news/vote")
    {
        var page = await browser.GetAsync($"/login?return={Uri.EscapeDataString(returnPath)}");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var html = await page.Content.ReadAsStringAsync();
        return await browser.PostAsync("/login", Form((TokenField, Token(html)), ("return", returnPath), ("handle", handle)));
    }

    /// <summary>Signs in from the sign-in page; returns the answer of our callback (a redirect to the page).</summary>
    public static async Task<HttpResponseMessage> SignInAsync(this ClientApiFixture fixture, HttpClient browser, string returnPath = "/feeds/news/vote",
        MastodonStandIn? home = null)
    {
        var callback = await LoginSteps.ApproveAtHomeAsync(await PostHandleAsync(browser, (home ?? fixture.Home).Handle, returnPath));
        return await browser.GetAsync(callback);
    }

    /// <summary>The cookie a response sets, by name (its whole Set-Cookie header).</summary>
    public static string? SetCookie(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues("Set-Cookie", out var values) ? values.FirstOrDefault(v => v.StartsWith(name + "=", StringComparison.Ordinal)) : null;

    [GeneratedRegex("name=\"" + TokenField + "\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();
}
