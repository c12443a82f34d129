using Microsoft.Playwright;
using Middleware.Server.Web;
using Middleware.Web.Tests.Browser;
using Middleware.Web.Tests.Site;
using static Microsoft.Playwright.Assertions;

namespace Middleware.Web.Tests.Feeds;

/// <summary>The feed pages in Chromium: from the directory to a feed's page with its card, posts and
/// why each is there; a post's hostile HTML stays harmless; the follow form works without JavaScript.</summary>
[Collection(BrowserCollection.Name)]
public sealed class FeedPagesBrowserTests(BrowserFixture browsers, VoteSite site) : IAsyncLifetime
{
    private readonly PageSession session = new(browsers, site.BaseUrl);

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await session.DisposeAsync();

    private Task<IPage> NewPageAsync(bool javaScript = true) => session.NewPageAsync(javaScript);

    [Fact]
    public async Task A_visitor_goes_from_the_directory_to_a_feed_and_sees_its_card_posts_and_why()
    {
        await site.AddFeedAsync("pages",
            ("f1", """<p>Hello <script>console.log("xss-script")</script><img src="x" onerror="console.log('xss-img')"> world</p>""", "Hello world"),
            ("f2", null, "An older post"));
        var page = await NewPageAsync();

        var directory = await page.GotoAsync("/feeds");
        Assert.Equal(WebPage.ContentSecurityPolicy, await directory!.HeaderValueAsync("content-security-policy"));
        await Expect(page.Locator("h1")).ToHaveTextAsync("Feeds");
        await page.GetByRole(AriaRole.Link, new() { Name = "Feed pages" }).ClickAsync();

        Assert.EndsWith("/feeds/pages", page.Url);
        await Expect(page.Locator("h1")).ToHaveTextAsync("Feed pages");
        await Expect(page.Locator("#card-heading")).ToHaveTextAsync("How this feed ranks");
        await Expect(page.Locator(".card")).ToContainTextAsync("Posts are shown in the order they were published");
        await Expect(page.Locator(".card [lang=nl]").First).ToContainTextAsync("nieuwste eerst");
        await Expect(page.Locator(".card")).ToContainTextAsync("No: the order uses no personal data");
        await Expect(page.Locator("#post-1-author")).ToBeVisibleAsync();
        await Expect(page.Locator(".post").First).ToContainTextAsync("Hello");
        await Expect(page.Locator("#why-1")).ToContainTextAsync("Why am I seeing this?");
        await Expect(page.Locator("#handle")).ToHaveTextAsync($"@pages@{new Uri(site.BaseUrl).Authority}");
        await Expect(page.GetByLabel("Your handle")).ToBeVisibleAsync();
        Assert.Equal(0, await page.Locator(".post script, .post img").CountAsync());

        var response = await page.ReloadAsync();
        Assert.Equal(WebPage.SignInContentSecurityPolicy, await response!.HeaderValueAsync("content-security-policy"));
        Assert.Empty(session.Console);
        Assert.Empty(session.Failed);
        Assert.Empty(session.Dialogs);
    }

    [Fact]
    public async Task Without_javascript_a_bad_handle_in_the_follow_form_gets_a_clear_error()
    {
        await site.AddFeedAsync("follow_nojs", ("n1", null, "A post"));
        var page = await NewPageAsync(javaScript: false);

        await page.GotoAsync("/feeds/follow_nojs");
        await page.GetByLabel("Your handle").FillAsync("alice@127.0.0.1");
        await page.GetByRole(AriaRole.Button, new() { Name = "Follow from my instance" }).ClickAsync();

        await Expect(page.Locator("h1")).ToHaveTextAsync("Handle not recognised");
        await Expect(page.Locator("main")).ToContainTextAsync("not an IP address");
        Assert.StartsWith($"{site.BaseUrl}/feeds/follow_nojs/follow?handle=", page.Url);
        Assert.Empty(session.Failed);
    }
}
