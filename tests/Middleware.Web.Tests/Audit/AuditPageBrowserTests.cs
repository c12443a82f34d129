using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Middleware.Core.Actors;
using Middleware.Core.Audit;
using Middleware.Server.Web.Audit;
using Middleware.Web.Tests.Browser;
using Middleware.Web.Tests.Site;
using static Microsoft.Playwright.Assertions;

namespace Middleware.Web.Tests.Audit;

/// <summary>The audit page in Chromium: figures, tables and server-drawn SVG plots, with an author whose
/// display name is hostile HTML shown as text; the range form works without JavaScript.</summary>
[Collection(BrowserCollection.Name)]
public sealed class AuditPageBrowserTests(BrowserFixture browsers, VoteSite site) : IAsyncLifetime
{
    private const string Mallory = "https://evil.example/users/mallory";
    private const string HostileName = """<script>console.log("xss-name")</script><img src=x onerror="console.log('xss-img')">""";

    private readonly PageSession session = new(browsers, site.BaseUrl, countErrorStatuses: true);

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await session.DisposeAsync();

    private Task<IPage> NewPageAsync(bool javaScript = true) => session.NewPageAsync(javaScript);

    /// <summary>A feed and what it served in the last hour: Mallory's post at the top 3 times, where chronological
    /// order had Ann's; Ann's post once at position 1 under both.</summary>
    private async Task AddAuditedFeedAsync(string feed)
    {
        await site.AddFeedAsync(feed, ($"{feed}-1", null, "A post"));
        await site.Services.GetRequiredService<IRemoteActorStore>().UpsertAsync(new RemoteActor
        {
            Uri = Mallory, Inbox = Mallory + "/inbox", Host = "evil.example", DisplayName = HostileName, FetchedAt = DateTimeOffset.UtcNow,
        });
        var now = DateTimeOffset.UtcNow.AddMinutes(-30);
        var ann = new ServedPost(VoteSite.PostUri($"{feed}-1"), VoteSite.Author, "a.example", "en", now.AddHours(-1), 0);
        var mallory = new ServedPost("https://evil.example/notes/1", Mallory, "evil.example", "<b>xx</b>", now.AddHours(-5), 0.9);
        var serves = Enumerable.Range(0, 3).Select(i => new ServedPage(feed, ServedSurface.Skeleton, now.AddMinutes(i),
            [new ServedPosition(0, mallory, ann), new ServedPosition(1, ann, mallory)])).ToList();
        await site.Services.GetRequiredService<IServedPositionStore>().AppendAsync(serves);
    }

    [Fact]
    public async Task The_audit_page_shows_figures_tables_and_svg_plots_and_a_hostile_name_as_text()
    {
        await AddAuditedFeedAsync("audited");
        var page = await NewPageAsync();

        var response = await page.GotoAsync("/feeds/audited");
        await page.GetByRole(AriaRole.Link, new() { Name = "Amplification audit" }).ClickAsync();

        Assert.EndsWith("/feeds/audited/audit", page.Url);
        await Expect(page.Locator("h1")).ToHaveTextAsync("Amplification audit: Feed audited");
        await Expect(page.Locator("#summary-heading")).ToBeVisibleAsync();
        await Expect(page.Locator(".author-name").First).ToHaveTextAsync(HostileName);
        await Expect(page.Locator("#language-table")).ToContainTextAsync("<b>xx</b>");
        Assert.Equal(0, await page.Locator("main script, main b, main img:not([src*='.svg'])").CountAsync());
        await Expect(page.GetByLabel("From")).ToBeVisibleAsync();
        await Expect(page.GetByLabel("To")).ToBeVisibleAsync();
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        var plots = page.Locator("figure img");
        await Expect(plots).ToHaveCountAsync(3);
        for (var i = 0; i < 3; i++)
            Assert.True(await plots.Nth(i).EvaluateAsync<bool>("img => img.complete && img.naturalWidth > 0"), $"plot {i} drawn");
        Assert.Equal(AuditPageEndpoints.ContentSecurityPolicy, await (await page.ReloadAsync())!.HeaderValueAsync("content-security-policy"));
        Assert.True(session.Console.Count == 0 && session.Failed.Count == 0, string.Join("\n", session.Console.Concat(session.Failed)));
        Assert.NotNull(response);
    }

    [Fact]
    public async Task Without_javascript_the_range_form_shows_another_range_and_a_bad_one_says_what_is_wrong()
    {
        await AddAuditedFeedAsync("audited_nojs");
        var page = await NewPageAsync(javaScript: false);

        await page.GotoAsync("/feeds/audited_nojs/audit");
        await Expect(page.Locator("#author-table")).ToContainTextAsync("evil.example");
        await page.GetByLabel("From").FillAsync("2026-01-01");
        await page.GetByLabel("To").FillAsync("2026-01-02");
        await page.GetByRole(AriaRole.Button, new() { Name = "Show this range" }).ClickAsync();

        Assert.Contains("from=2026-01-01", page.Url);
        await Expect(page.Locator("h1")).ToHaveTextAsync("Amplification audit: Feed audited_nojs");
        await Expect(page.Locator("#author-heading + p")).ToHaveTextAsync("Nothing was served in this range.");

        session.Failed.Clear();
        await page.GotoAsync("/feeds/audited_nojs/audit?from=2026-12-01&to=2026-01-01");
        await Expect(page.Locator("h1")).ToHaveTextAsync("Audit range not understood");
        await Expect(page.Locator("main")).ToContainTextAsync("from: must be before to.");
    }
}
