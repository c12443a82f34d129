using System.Diagnostics;
using Microsoft.Playwright;

namespace Middleware.Web.Tests.Browser;

/// <summary>Debian's Chromium, driven by Playwright by path: Playwright's own browser download cannot
/// work on a closed network. Missing, it is installed by <c>tests/browser/install.sh</c> (apt-get).</summary>
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

    /// <summary>Runs the install script when the browser is missing; fails with its reason when it
    /// cannot install (xunit 2 cannot skip at run time).</summary>
    private static async Task EnsureInstalledAsync()
    {
        if (File.Exists(ExecutablePath))
            return;
        var script = Path.Combine(RepositoryRoot(), "tests", "browser", "install.sh");
        var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(script);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(10));
        await process.WaitForExitAsync(timeout.Token);
        Assert.True(process.ExitCode == 0 && File.Exists(ExecutablePath),
            $"Chromium could not be installed ({script} exited {process.ExitCode}):\n{await errors}{await output}");
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Middleware.sln")))
                return dir.FullName;
        }
        throw new DirectoryNotFoundException($"No folder containing Middleware.sln above {AppContext.BaseDirectory}.");
    }
}
