using System.Diagnostics;
using System.Text.Json;
using Middleware.Interop.Tests.Peer;
using Middleware.Interop.Tests.Service;

namespace Middleware.Interop.Tests.ClientApi;

/// <summary>Real Mastodon client libraries from npm against the real service: each logs in through
/// the service (which passes the login to a stand-in home instance), chooses a ranker, and reads the
/// whole home timeline by following Link headers the way the library does
/// (<c>tests/interop/peer/clients/home-timeline.mjs</c>).</summary>
public sealed class ClientLibraryTests
{
    [Theory]
    [InlineData("megalodon")]
    [InlineData("masto")]
    public async Task A_library_logs_in_and_pages_the_ranked_home_timeline_without_duplicates_or_gaps(string library)
    {
        var root = RepositoryRoot.Locate();
        await PeerInstaller.EnsureInstalledAsync(root, CancellationToken.None);
        await using var service = await MiddlewareProcess.StartAsync();

        var (exitCode, output, errors) = await RunNodeAsync(
            Path.Combine(root, "tests", "interop", "peer", "clients", "home-timeline.mjs"), service.BaseUrl.ToString().TrimEnd('/'), library);

        Assert.True(exitCode == 0, $"{library} failed ({exitCode}):\n{errors}\n{service.Log}");
        using var result = JsonDocument.Parse(output);
        var ids = result.RootElement.GetProperty("ids").EnumerateArray().Select(e => e.GetString()).ToList();
        var expected = result.RootElement.GetProperty("expected").EnumerateArray().Select(e => e.GetString()).ToList();
        Assert.Equal(ids.Count, ids.Distinct().Count());
        // The window of 200 in the engagement ranker's order, then the rest in the instance's order.
        Assert.Equal(expected, ids);
    }

    private static async Task<(int ExitCode, string Output, string Errors)> RunNodeAsync(string script, params string[] arguments)
    {
        var start = new ProcessStartInfo("node") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(script);
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"node {script} did not finish in 2 minutes.\n{await errors}");
        }
        return (process.ExitCode, await output, await errors);
    }
}
