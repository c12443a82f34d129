using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Middleware.Core.Feeds;
using Middleware.Server.Web;
using Middleware.Server.Web.Admin;
using Middleware.Web.Tests.Browser;
using Middleware.Web.Tests.Site;
using static Microsoft.Playwright.Assertions;

namespace Middleware.Web.Tests.Admin;

/// <summary>The admin pages in Chromium: sign-in with the token, every page clean (no console errors,
/// no failed requests, headings and labels), the recipe editor without JavaScript, hostile text inert.</summary>
[Collection(BrowserCollection.Name)]
public sealed class AdminPagesBrowserTests(BrowserFixture browsers, VoteSite site) : IAsyncLifetime
{
    private const string Hostile = "<script>console.log('xss-script')</script><img src=x onerror=\"console.log('xss-img')\">";
    private readonly PageSession session = new(browsers, site.BaseUrl);

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await session.DisposeAsync();

    private async Task<IPage> SignedInPageAsync(bool javaScript = true)
    {
        var page = await session.NewPageAsync(javaScript);

        await page.GotoAsync("/admin/sources");
        Assert.EndsWith("/admin/login", page.Url);
        await Expect(page.Locator("h1")).ToHaveTextAsync("Admin sign-in");
        await page.GetByLabel("Admin token").FillAsync(VoteSite.AdminToken);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Expect(page.Locator("h1")).ToHaveTextAsync("Sources");
        Assert.DoesNotContain(VoteSite.AdminToken, page.Url, StringComparison.Ordinal);
        return page;
    }

    private async Task AddHostileFeedAsync(string name)
    {
        await site.AddFeedAsync(name, ("h-" + name, null, Hostile + " hostile text"));
        var feeds = site.Services.GetRequiredService<IFeedStore>();
        var feed = (await feeds.FindAsync(name))!;
        await feeds.UpdateAsync(feed with { DisplayName = $"{Hostile} display" });
    }

    [Fact]
    public async Task Every_admin_page_loads_cleanly_with_its_heading_and_labels()
    {
        await AddHostileFeedAsync("admin_pages");
        var page = await SignedInPageAsync();

        var response = await page.ReloadAsync();
        Assert.Equal(WebPage.ContentSecurityPolicy, await response!.HeaderValueAsync("content-security-policy"));
        await Expect(page.GetByLabel("Type")).ToBeVisibleAsync();
        await Expect(page.GetByLabel("Target: an actor id, a handle or an instance URL")).ToBeVisibleAsync();
        foreach (var (link, heading) in new[]
        {
            ("Feeds", "Feeds"), ("Plugins", "Rankers and plugins"), ("Coordination groups", "Coordination groups"),
            ("Refit history", "Refit history"), ("Sources", "Sources"),
        })
        {
            await page.GetByRole(AriaRole.Navigation).GetByRole(AriaRole.Link, new() { Name = link, Exact = true }).ClickAsync();
            await Expect(page.Locator("h1")).ToHaveTextAsync(heading);
        }

        await page.GotoAsync("/admin/feeds/admin_pages");
        await Expect(page.GetByLabel("Definition (JSON, as PUT /api/admin/feeds/admin_pages takes it)")).ToBeVisibleAsync();
        await Expect(page.Locator("h1")).ToContainTextAsync("<script>");
        await Expect(page.Locator(".preview .post").First).ToContainTextAsync("<img src=x onerror=");
        // The editor's own script is the only one.
        Assert.Equal(0, await page.Locator($"main script:not([src='{RecipePreviewScript.Path}']), main img").CountAsync());
        Assert.True(session.Console.Count == 0, string.Join("\n", session.Console));
        Assert.True(session.Failed.Count == 0, string.Join("\n", session.Failed));
    }

    [Fact]
    public async Task Without_javascript_the_recipe_editor_previews_and_saves()
    {
        await AddHostileFeedAsync("admin_nojs");
        var page = await SignedInPageAsync(javaScript: false);
        await page.GotoAsync("/admin/feeds");
        await page.Locator("tr", new() { HasText = "(admin_nojs)" }).GetByRole(AriaRole.Link).ClickAsync();
        // Version 2: the hostile display name was a change.
        await Expect(page.Locator("main")).ToContainTextAsync("version 2");
        var editor = page.GetByLabel("Definition (JSON, as PUT /api/admin/feeds/admin_nojs takes it)");

        await editor.FillAsync("""{"name":"admin_nojs","ranker":"chronological","filters":{"hashtags":["nothing-has-this"]}}""");
        await page.GetByRole(AriaRole.Button, new() { Name = "Preview" }).ClickAsync();
        await Expect(page.Locator("#draft-heading")).ToHaveTextAsync("Unsaved definition (preview)");
        await Expect(page.Locator("#draft-heading + p")).ToContainTextAsync("0 candidates");
        await Expect(page.Locator("#saved-heading")).ToHaveTextAsync("Saved version 2");

        await editor.FillAsync("""{"name":"admin_nojs","ranker":"chronological","displayName":"Saved from the page"}""");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save as a new version" }).ClickAsync();
        await Expect(page.Locator("h1")).ToHaveTextAsync("Feed “Saved from the page”");
        await Expect(page.Locator("#saved-heading")).ToHaveTextAsync("Saved version 3");

        await editor.FillAsync("{ not json");
        await page.GetByRole(AriaRole.Button, new() { Name = "Preview" }).ClickAsync();
        await Expect(page.Locator("#problem")).ToContainTextAsync("The body is not valid JSON for this endpoint");
        Assert.True(session.Failed.Count == 0, string.Join("\n", session.Failed));
    }

    [Fact]
    public async Task With_javascript_the_preview_follows_the_typing_under_the_editor_s_own_policy()
    {
        await AddHostileFeedAsync("admin_live");
        var page = await SignedInPageAsync();
        var response = await page.GotoAsync("/admin/feeds/admin_live");
        Assert.Equal(RecipePreviewScript.ContentSecurityPolicy, await response!.HeaderValueAsync("content-security-policy"));
        var editor = page.GetByLabel("Definition (JSON, as PUT /api/admin/feeds/admin_live takes it)");

        await editor.FillAsync("""{"name":"admin_live","ranker":"chronological","filters":{"hashtags":["nothing-has-this"]}}""");
        await Expect(page.Locator("#draft-heading")).ToHaveTextAsync("Unsaved definition (preview)");
        await Expect(page.Locator("#draft-heading + p")).ToContainTextAsync("0 candidates");
        await Expect(page.Locator("#live-status")).ToHaveTextAsync("Preview updated.");
        Assert.EndsWith("/admin/feeds/admin_live", page.Url);
        Assert.True(session.Console.Count == 0, string.Join("\n", session.Console));

        await editor.FillAsync("""{"name":"admin_live","ranker":"no-such-ranker"}""");
        await Expect(page.Locator("#problem")).ToContainTextAsync("ranker: there is no ranker 'no-such-ranker'");
        await Expect(page.Locator("#saved-heading")).ToHaveTextAsync("Saved version 2");
        Assert.Equal(0, await page.Locator("main .post script, main .post img").CountAsync());
        // The refused definition's 400 is the one thing Chromium logs.
        Assert.All(session.Console, line => Assert.Contains("status of 400 (Bad Request)", line));
        Assert.True(session.Failed.Count == 0, string.Join("\n", session.Failed));
    }
}
