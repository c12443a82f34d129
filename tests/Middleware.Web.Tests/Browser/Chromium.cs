using Microsoft.Playwright;

namespace Middleware.Web.Tests.Browser;

/// <summary>Debian's Chromium, driven by Playwright by path: Playwright's own browser download cannot
/// work on a closed network. It is installed by <c>tests/setup.sh</c> (apt-get), never by a test.</summary>
public static class Chromium
{
    public const string ExecutablePath = "/usr/bin/chromium";

    /// <summary>Flags for a closed network: without the background-networking ones Chromium keeps
    /// trying to reach Google's hosts. Playwright adds <c>--headless</c> and a fresh, empty
    /// <c>--user-data-dir</c> of its own to every launch.</summary>
    public static readonly string[] Arguments =
    [
        "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync",
    ];

    public static async Task<IBrowser> LaunchAsync(IPlaywright playwright)
    {
        await EnsureInstalledAsync();
        return await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ExecutablePath, Headless = true, Args = Arguments,
        });
    }

    /// <summary>Checks the browser is there; the tests install nothing (xunit 2 cannot skip at run time,
    /// so a missing browser fails with what to do).</summary>
    private static Task EnsureInstalledAsync()
    {
        Assert.True(File.Exists(ExecutablePath), $"Chromium is missing at {ExecutablePath}: run tests/setup.sh (it installs Debian's chromium).");
        return Task.CompletedTask;
    }
}
