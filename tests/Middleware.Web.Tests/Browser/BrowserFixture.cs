using Microsoft.Playwright;

namespace Middleware.Web.Tests.Browser;

/// <summary>One Chromium for all browser tests (starting one takes about a second); each test opens
/// a context of its own, with its own cookies.</summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    private IPlaywright? playwright;

    public IBrowser Browser { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        playwright = await Playwright.CreateAsync();
        Browser = await Chromium.LaunchAsync(playwright);
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
            await Browser.DisposeAsync();
        playwright?.Dispose();
    }
}

/// <summary>The browser tests share one browser and one service, and run one at a time.</summary>
[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserFixture>, ICollectionFixture<Site.VoteSite>
{
    public const string Name = "browser";
}
