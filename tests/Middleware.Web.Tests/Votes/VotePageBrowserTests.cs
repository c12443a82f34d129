using Microsoft.Playwright;
using Middleware.Core.Signals;
using Middleware.Web.Tests.Browser;
using Middleware.Web.Tests.Site;
using static Microsoft.Playwright.Assertions;

namespace Middleware.Web.Tests.Votes;

/// <summary>The vote page in Chromium: signing in by handle from the page, consent once, voting with
/// the keyboard alone and without JavaScript, and a post's hostile HTML shown harmless.</summary>
[Collection(BrowserCollection.Name)]
public sealed class VotePageBrowserTests(BrowserFixture browsers, VoteSite site) : IAsyncLifetime
{
    private readonly PageSession session = new(browsers, site.BaseUrl);

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await session.DisposeAsync();

    private Task<IPage> NewPageAsync(bool javaScript = true) => session.NewPageAsync(javaScript);

    [Fact]
    public async Task A_person_signs_in_by_handle_from_the_vote_page_agrees_once_and_votes_with_the_keyboard_alone()
    {
        var home = await site.NewHomeAsync();
        await site.AddFeedAsync("keys", ("k1", null, "First post"), ("k2", null, "Second post"), ("k3", null, "Third post"));
        var page = await NewPageAsync();

        await page.GotoAsync("/feeds/keys/vote");
        Assert.EndsWith("/login?return=%2Ffeeds%2Fkeys%2Fvote", page.Url);
        await page.TabToAsync("#handle");
        await page.Keyboard.TypeAsync(home.Handle);
        await page.Keyboard.PressAsync("Enter");

        await Expect(page.Locator("h1")).ToHaveTextAsync("Before you vote on “Feed keys”");
        Assert.EndsWith("/feeds/keys/vote", page.Url);
        await page.TabToAsync("button[name=consent]");
        await page.Keyboard.PressAsync("Enter");

        await Expect(page.Locator("#progress")).ToContainTextAsync("You have voted on 0 of 3 posts in this feed.");
        await Expect(page.Locator(".post")).ToContainTextAsync("First post");
        await page.TabToAsync("button[value=agree]");
        Assert.Equal("solid", await page.EvaluateAsync<string>("getComputedStyle(document.activeElement).outlineStyle"));
        await page.Keyboard.PressAsync("Enter");

        await Expect(page.Locator("#progress")).ToContainTextAsync("voted on 1 of 3");
        await Expect(page.Locator(".post")).ToContainTextAsync("Second post");
        await page.TabToAsync("button[value=disagree]");
        await page.Keyboard.PressAsync("Enter");

        await Expect(page.Locator("#progress")).ToContainTextAsync("voted on 2 of 3");
        await page.TabToAsync("button[value=pass]");
        await page.Keyboard.PressAsync("Enter");

        await Expect(page.Locator("#progress")).ToContainTextAsync("voted on 3 of 3");
        await Expect(page.Locator("main")).ToContainTextAsync("Thank you!");
        var votes = await site.VotesAsync(home, "keys");
        Assert.Equal(SignalEvent.Agree, votes[VoteSite.PostUri("k1")]);
        Assert.Equal(SignalEvent.Disagree, votes[VoteSite.PostUri("k2")]);
        Assert.Equal(SignalEvent.Pass, votes[VoteSite.PostUri("k3")]);

        // Another browser, the same person: signed in again, not asked again.
        var second = await NewPageAsync();
        await second.GotoAsync("/feeds/keys/vote");
        await second.FillAsync("#handle", home.Handle);
        await second.Keyboard.PressAsync("Enter");
        await Expect(second.Locator("h1")).ToHaveTextAsync("Vote on “Feed keys”");
        await Expect(second.Locator("#progress")).ToContainTextAsync("voted on 3 of 3");
        Assert.Empty(session.Console);
        Assert.Empty(session.Dialogs);
    }

    [Fact]
    public async Task Everything_works_with_JavaScript_disabled()
    {
        var home = await site.NewHomeAsync();
        await site.AddFeedAsync("nojs", ("n1", "<p>Only <a href=\"https://b.example/x\">HTML</a></p>", "Only HTML"), ("n2", null, "Plain"));
        var page = await NewPageAsync(javaScript: false);

        await page.GotoAsync("/feeds/nojs/vote");
        await page.FillAsync("#handle", home.Handle);
        await page.ClickAsync("button[type=submit]");
        await page.ClickAsync("button[name=consent]");
        await Expect(page.Locator(".post a[href='https://b.example/x']")).ToHaveAttributeAsync("rel", "nofollow noopener noreferrer");
        await page.ClickAsync("button[value=agree]");
        await Expect(page.Locator("#progress")).ToContainTextAsync("voted on 1 of 2");
        await page.ClickAsync("button[value=disagree]");
        await Expect(page.Locator("main")).ToContainTextAsync("Thank you!");

        Assert.Equal(2, (await site.VotesAsync(home, "nojs")).Count);
        Assert.Equal(0, await page.Locator("script").CountAsync());
    }

    [Fact]
    public async Task A_post_with_script_and_event_handlers_in_its_HTML_is_shown_sanitised_and_nothing_runs()
    {
        const string hostile = """
            <p>Hello <script>console.log("xss-script"); alert("xss-script")</script><img src="x" onerror="console.log('xss-img'); alert('xss-img')">
            <a href="javascript:alert('xss-link')" onmouseover="alert('xss-hover')">click me</a>
            <span class="h-card" style="position:fixed;inset:0">styled</span></p><iframe src="javascript:alert('xss-frame')"></iframe>
            """;
        var home = await site.NewHomeAsync();
        await site.AddFeedAsync("hostile", ("h1", hostile, "Hello click me styled"));
        var page = await NewPageAsync();

        await page.GotoAsync("/feeds/hostile/vote");
        await page.FillAsync("#handle", home.Handle);
        await page.ClickAsync("button[type=submit]");
        await page.ClickAsync("button[name=consent]");
        await Expect(page.Locator(".post .content")).ToContainTextAsync("Hello");
        await page.HoverAsync(".post a:has-text('click me')");

        Assert.Equal(0, await page.Locator("script, img, iframe, [onerror], [onmouseover], [style]").CountAsync());
        Assert.Null(await page.Locator(".post a:has-text('click me')").GetAttributeAsync("href"));
        Assert.Empty(session.Console);
        Assert.Empty(session.Dialogs);
    }

    [Fact]
    public async Task Another_site_can_neither_post_a_vote_nor_frame_the_page()
    {
        var home = await site.NewHomeAsync();
        await site.AddFeedAsync("csrf", ("c1", null, "Target"));
        var page = await NewPageAsync();
        await page.GotoAsync("/feeds/csrf/vote");
        await page.FillAsync("#handle", home.Handle);
        await page.ClickAsync("button[type=submit]");
        await page.ClickAsync("button[name=consent]");
        await Expect(page.Locator("#progress")).ToContainTextAsync("voted on 0 of 1");

        // The attacker's page, on another site (the stand-in's origin), in the signed-in browser.
        var vote = $"{site.BaseUrl}/feeds/csrf/vote";
        home.Server.Serve("/attack", $"""
            <!DOCTYPE html><html><body>
            <form method="post" action="{vote}"><input type="hidden" name="post" value="{VoteSite.PostUri("c1")}">
            <input type="hidden" name="vote" value="agree"><button id="go">Win a prize</button></form>
            <iframe id="frame" src="{vote}"></iframe>
            </body></html>
            """, "text/html; charset=utf-8");
        await page.GotoAsync($"{home.Server.BaseUrl}/attack");
        var framed = page.Frames.Single(f => f != page.MainFrame);
        Assert.Equal(0, await framed.Locator("button[value=agree]").CountAsync());
        Assert.Contains(session.Console, m => m.Contains("frame-ancestors 'none'"));

        // The session cookie (SameSite=Lax) stays off the cross-site post, so it is sent to sign in,
        // which finds the person signed in and returns them to their page: nothing was recorded.
        await page.ClickAsync("#go");
        await Expect(page.Locator("#progress")).ToContainTextAsync("voted on 0 of 1");
        Assert.StartsWith(site.BaseUrl, page.Url);
        Assert.Empty(await site.VotesAsync(home, "csrf"));
    }

    [Fact]
    public async Task Without_a_session_the_vote_page_is_the_sign_in_form()
    {
        await site.AddFeedAsync("anon", ("a1", null, "Anything"));
        var page = await NewPageAsync();

        var answer = await page.GotoAsync("/feeds/anon/vote");

        Assert.Equal(200, answer!.Status);
        Assert.EndsWith("/login?return=%2Ffeeds%2Fanon%2Fvote", page.Url);
        await Expect(page.Locator("h1")).ToHaveTextAsync("Sign in with your fediverse account");
        await Expect(page.Locator("label[for=handle]")).ToBeVisibleAsync();
        Assert.Equal(0, await page.Locator(".post").CountAsync());
        Assert.Empty(session.Console);
    }
}
