using System.Diagnostics;
using System.Text.Json;
using Middleware.Interop.Tests.Peer;
using Middleware.Interop.Tests.Service;
using Middleware.Interop.Tests.Support;

namespace Middleware.Interop.Tests.ClientApi;

/// <summary>Real Mastodon client libraries (masto.js and megalodon from npm, Mastodon.py from Debian's
/// python3-mastodon) against the real service: each logs in through
/// the service (which passes the login to a stand-in home instance), chooses a ranker, and reads the
/// whole home timeline by following Link headers the way the library does
/// (<c>tests/interop/peer/clients/</c>).</summary>
public sealed class ClientLibraryTests
{
    [Theory]
    [InlineData("megalodon")]
    [InlineData("masto")]
    [InlineData("Mastodon.py")]
    public async Task A_library_logs_in_and_pages_the_ranked_home_timeline_without_duplicates_or_gaps(string library)
    {
        var root = RepositoryRoot.Locate();
        var clients = Path.Combine(root, "tests", "interop", "peer", "clients");
        await PeerInstaller.EnsureInstalledAsync(root, CancellationToken.None);
        if (library == "Mastodon.py")
        {
            // xunit 2 cannot skip at run time: without Mastodon.py this fails with what to do.
            var present = await ClientScript.RunAsync("/usr/bin/python3", "-c", "import mastodon");
            Assert.True(present.ExitCode == 0, $"Mastodon.py (python3-mastodon) is missing: run tests/setup.sh\n{present.Errors}");
        }
        await using var service = await MiddlewareProcess.StartAsync();
        var url = service.BaseUrl.ToString().TrimEnd('/');

        var (exitCode, output, errors) = library == "Mastodon.py"
            ? await ClientScript.RunAsync("/usr/bin/python3", Path.Combine(clients, "home_timeline.py"), url)
            : await ClientScript.RunAsync("node", Path.Combine(clients, "home-timeline.mjs"), url, library);

        Assert.True(exitCode == 0, $"{library} failed ({exitCode}):\n{errors}\n{service.Log}");
        using var result = JsonDocument.Parse(output);
        var ids = result.RootElement.GetProperty("ids").EnumerateArray().Select(e => e.GetString()).ToList();
        var expected = result.RootElement.GetProperty("expected").EnumerateArray().Select(e => e.GetString()).ToList();
        Assert.Equal(ids.Count, ids.Distinct().Count());
        // The window of 200 in the engagement ranker's order, then the rest in the instance's order.
        Assert.Equal(expected, ids);
    }
}
