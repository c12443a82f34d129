using System.Diagnostics;
using System.Text.RegularExpressions;
using Middleware.Server.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Middleware.Server.Tests.Demo;

/// <summary><c>--demo</c> as a newcomer runs it: the real program, its own data folder under the
/// temp folder (never the configured one), and the pages it prints answering with ranked posts.</summary>
public sealed class DemoProcessTests(ITestOutputHelper output) : IDisposable
{
    private readonly string temp = Directory.CreateTempSubdirectory("demo-process-").FullName;

    public void Dispose()
    {
        try { Directory.Delete(temp, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }

    [Fact]
    public async Task The_demo_starts_on_its_own_data_folder_and_prints_pages_that_show_ranked_posts()
    {
        var configured = Path.Combine(temp, "admins-real-data");
        var watch = Stopwatch.StartNew();
        using var server = ServerProcess.Start(configured, new Dictionary<string, string> { ["TMPDIR"] = temp }, "--demo");

        // The minute a newcomer waits is measured on a quiet machine (docs/performance.md, "Demo"); here, under
        // a loaded test run, only a hang fails the test.
        var line = await server.LineAsync("/feeds/bridging", TimeSpan.FromSeconds(180));
        var url = Regex.Match(line, @"http://127\.0\.0\.1:\d+/feeds/bridging").Value;
        using var http = new HttpClient();
        var page = await http.GetStringAsync(url);
        watch.Stop();

        Assert.Contains("Why am I seeing this?", page);
        Assert.Contains("Synthetic bridging post", page);
        // The audit it prints is already filled: simulated readers were served the demo feeds.
        var audit = await http.GetStringAsync(Regex.Match(server.Output, @"http://127\.0\.0\.1:\d+/feeds/bridging/audit").Value);
        var exposures = Regex.Match(audit, @"(\d+) exposures under the feed, (\d+) under chronological order");
        Assert.True(exposures.Success, audit);
        Assert.True(int.Parse(exposures.Groups[1].Value) > 0 && int.Parse(exposures.Groups[2].Value) > 0, exposures.Value);
        output.WriteLine($"The demo showed a ranked feed {watch.Elapsed.TotalSeconds:0.0} s after it started.");
        var folder = Regex.Match(server.Output, @"Demo data folder[^:]*: (\S+)").Groups[1].Value;
        Assert.StartsWith(Path.Combine(temp, "middleware-demo"), folder);
        Assert.True(File.Exists(Path.Combine(folder, "middleware.db")));
        Assert.False(Directory.Exists(configured), "the demo must not touch the configured data folder");
    }
}
