using Middleware.Server.Configuration;
using Middleware.Server.Tests.Infrastructure;

namespace Middleware.Server.Tests.Configuration;

/// <summary>Start-up an admin can act on: a public URL the service cannot use and a data directory
/// another process holds are refused before anything starts, with one line and a non-zero exit.</summary>
public sealed class StartChecksTests : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);
    private readonly string _data = Path.Combine(Path.GetTempPath(), "middleware-tests", Guid.NewGuid().ToString("N"));

    [Theory]
    [InlineData("feeds.example.org")]
    [InlineData("ftp://feeds.example.org")]
    [InlineData("https://feeds.example.org/middleware")]
    [InlineData("https://feeds.example.org/?x=1")]
    [InlineData("https://feeds.example.org/#top")]
    [InlineData("https://admin:secret@feeds.example.org")]
    [InlineData("/srv/feeds")]
    public void A_public_url_that_is_not_a_root_http_url_is_refused(string value) =>
        Assert.NotNull(PublicUrlRule.Problem(value));

    [Theory]
    [InlineData("https://feeds.example.org")]
    [InlineData("https://feeds.example.org/")]
    [InlineData("http://127.0.0.1:8080")]
    [InlineData("")]
    public void A_root_http_url_or_none_is_accepted(string value) => Assert.Null(PublicUrlRule.Problem(value));

    [Fact]
    public async Task An_invalid_public_url_stops_the_process_with_one_line_and_a_non_zero_exit()
    {
        using var service = ServerProcess.Start(_data, new Dictionary<string, string> { ["Middleware__PublicUrl"] = "https://feeds.example.org/middleware" });

        Assert.NotEqual(0, await service.ExitCodeAsync(Timeout));
        Assert.Single(service.Lines, l => l.Contains("Middleware:PublicUrl 'https://feeds.example.org/middleware' has a path", StringComparison.Ordinal));
        Assert.DoesNotContain(service.Lines, l => l.TrimStart().StartsWith("at ", StringComparison.Ordinal));
        Assert.DoesNotContain(service.Lines, l => l.Contains("Exception", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Leadership_timings_that_would_end_a_healthy_leaders_session_stop_the_process_with_one_line()
    {
        using var service = ServerProcess.Start(_data, new Dictionary<string, string> { ["Middleware__Cluster__Leadership__SessionTimeout"] = "00:00:04" });

        Assert.NotEqual(0, await service.ExitCodeAsync(Timeout));
        Assert.Single(service.Lines, l => l.Contains("Middleware:Cluster:Leadership:SessionTimeout must be at least", StringComparison.Ordinal));
        Assert.DoesNotContain(service.Lines, l => l.Contains("Exception", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_second_process_on_the_same_data_directory_is_refused_and_the_lock_dies_with_the_first()
    {
        using var first = ServerProcess.Start(_data);
        var started = await first.LineAsync("serving http://127.0.0.1:", Timeout);
        Assert.Contains($"Middleware {ServiceInfo.Version} serving", started);
        Assert.Contains("with 0 feeds and 0 sources", started);

        using var second = ServerProcess.Start(_data);
        Assert.NotEqual(0, await second.ExitCodeAsync(Timeout));
        Assert.Single(second.Lines, l => l.Contains("Another Middleware process is using the data directory", StringComparison.Ordinal));

        // A killed process leaves no lock behind: the next one starts.
        first.Kill();
        using var third = ServerProcess.Start(_data);
        await third.LineAsync("serving http://127.0.0.1:", Timeout);
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_data, recursive: true);
        }
        catch (IOException)
        {
            // A process may still be letting go of its files; the temp folder is cleaned later.
        }
    }
}
