using Microsoft.Playwright;
using Middleware.Web.Tests.Browser;
using Middleware.Web.Tests.Site;
using static Microsoft.Playwright.Assertions;

namespace Middleware.Web.Tests.Settings;

/// <summary>A person's settings, the help and the about page in Chromium: signing in from the settings
/// page, choosing what orders home and turning recording on and then off again (with JavaScript and
/// without), each choice shown back after a reload; every field labelled; no console errors or failed
/// requests.</summary>
[Collection(BrowserCollection.Name)]
public sealed class SettingsPagesBrowserTests(BrowserFixture browsers, VoteSite site) : IAsyncLifetime
{
    private readonly PageSession session = new(browsers, site.BaseUrl);

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await session.DisposeAsync();

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_person_signs_in_chooses_a_feed_and_turns_recording_on_then_off(bool javaScript)
    {
        var home = await site.NewHomeAsync();
        var feed = javaScript ? "civic" : "civicnojs";
        await site.AddFeedAsync(feed, ("s1", null, "A post"));
        var page = await session.NewPageAsync(javaScript);

        await page.GotoAsync("/settings");
        Assert.EndsWith("/login?return=%2Fsettings", page.Url);
        await page.GetByLabel("Your handle").FillAsync(home.Handle);
        await page.ClickAsync("button[type=submit]");
        await Expect(page.Locator("h1")).ToHaveTextAsync("Your settings");
        await AssertEveryFieldIsLabelledAsync(page);

        var homeChoice = page.GetByLabel($"The feed “Feed {feed}”");
        var asList = page.GetByRole(AriaRole.Checkbox, new() { Name = $"“Feed {feed}”", Exact = true });
        var recording = page.GetByLabel("Record my favourites");
        Assert.False(await recording.IsCheckedAsync());
        await homeChoice.CheckAsync();
        await asList.CheckAsync();
        await recording.CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Saved.");
        await page.ReloadAsync();
        Assert.True(await homeChoice.IsCheckedAsync());
        Assert.True(await asList.IsCheckedAsync());
        Assert.True(await recording.IsCheckedAsync());

        // Opting out again is as easy, and keeps the other choices.
        await recording.UncheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Saved.");
        await page.ReloadAsync();
        Assert.False(await recording.IsCheckedAsync());
        Assert.True(await homeChoice.IsCheckedAsync());

        Assert.Empty(session.Console);
        Assert.Empty(session.Failed);
    }

    [Fact]
    public async Task A_feed_that_is_gone_when_the_form_is_saved_is_refused_in_plain_words_and_nothing_changes()
    {
        var home = await site.NewHomeAsync();
        await site.AddFeedAsync("fleeting", ("f1", null, "A post"));
        var page = await session.NewPageAsync();
        await page.GotoAsync("/settings");
        await page.GetByLabel("Your handle").FillAsync(home.Handle);
        await page.ClickAsync("button[type=submit]");
        await page.GetByLabel("Record my favourites").CheckAsync();
        // The feed's radio now names a feed the service no longer has, as if it was retired meanwhile.
        await page.Locator("input[name=home][value=fleeting]").EvaluateAsync("input => { input.value = 'retired'; input.checked = true; }");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("there is no public feed 'retired'");
        await page.GotoAsync("/settings");
        Assert.False(await page.GetByLabel("Record my favourites").IsCheckedAsync());
        Assert.True(await page.GetByLabel("Newest first").IsCheckedAsync());
    }

    [Fact]
    public async Task Help_and_about_load_clean_with_their_headings_and_links()
    {
        var strict = new PageSession(browsers, site.BaseUrl, countErrorStatuses: true);
        await using (strict)
        {
            var checkedPage = await strict.NewPageAsync();
            await checkedPage.GotoAsync("/help");
            await Expect(checkedPage.Locator("h1")).ToContainTextAsync("from a Mastodon app");
            await Expect(checkedPage.Locator("main")).ToContainTextAsync("Home, ranked");
            await Expect(checkedPage.Locator("main a[href='/settings']")).ToHaveCountAsync(1);
            Assert.True(await checkedPage.Locator("h2").CountAsync() >= 3);

            await checkedPage.GotoAsync("/about");
            await Expect(checkedPage.Locator("h1")).ToContainTextAsync("About");
            Assert.Empty(strict.Console);
            Assert.Empty(strict.Failed);
        }

        // Without JavaScript they read the same.
        var plain = await session.NewPageAsync(javaScript: false);
        await plain.GotoAsync("/help");
        await Expect(plain.Locator("main")).ToContainTextAsync("Home, ranked");
    }

    /// <summary>Every visible input has a label a screen reader announces.</summary>
    private static async Task AssertEveryFieldIsLabelledAsync(IPage page)
    {
        var fields = page.Locator("input:not([type=hidden]), select, textarea");
        var count = await fields.CountAsync();
        Assert.True(count > 0);
        for (var i = 0; i < count; i++)
        {
            var labelled = await fields.Nth(i).EvaluateAsync<bool>(
                "f => f.labels.length > 0 && [...f.labels].some(l => l.textContent.trim().length > 0)");
            Assert.True(labelled, await fields.Nth(i).EvaluateAsync<string>("f => f.outerHTML"));
        }
    }
}
