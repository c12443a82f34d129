using Middleware.Server.Cluster;
using Middleware.Server.Tests.Infrastructure;

namespace Middleware.Server.Tests.Cluster;

/// <summary>Lease settings the service cannot work with are refused before start, naming the setting.</summary>
public sealed class ClusterOptionsTests : IDisposable
{
    private readonly string _data = Path.Combine(Path.GetTempPath(), "middleware-tests", Guid.NewGuid().ToString("N"));

    [Theory]
    [InlineData("00:00:00", "00:00:10", "Middleware:Cluster:ClaimLease")]
    [InlineData("-00:00:30", "00:00:10", "Middleware:Cluster:ClaimLease")]
    [InlineData("00:00:30", "00:00:00", "Middleware:Cluster:RenewEvery")]
    [InlineData("00:00:30", "-00:00:01", "Middleware:Cluster:RenewEvery")]
    // Renewing less often than twice per lease loses claims to one slow renewal.
    [InlineData("00:00:30", "00:00:16", "Middleware:Cluster:RenewEvery")]
    public void Settings_it_cannot_use_are_refused_naming_the_setting(string lease, string renew, string named)
    {
        var options = new ClusterOptions { ClaimLease = TimeSpan.Parse(lease), RenewEvery = TimeSpan.Parse(renew) };

        Assert.StartsWith(named, options.Problem());
    }

    [Theory]
    [InlineData("00:00:30", "00:00:10")]
    [InlineData("00:00:30", "00:00:15")]
    [InlineData("00:02:00", "00:00:05")]
    public void Usable_settings_pass(string lease, string renew)
    {
        Assert.Null(new ClusterOptions { ClaimLease = TimeSpan.Parse(lease), RenewEvery = TimeSpan.Parse(renew) }.Problem());
    }

    [Fact]
    public async Task A_renewal_slower_than_half_the_lease_stops_the_process_with_one_line_and_a_non_zero_exit()
    {
        using var service = ServerProcess.Start(_data, new Dictionary<string, string> { ["Middleware__Cluster__RenewEvery"] = "00:00:20" });

        Assert.NotEqual(0, await service.ExitCodeAsync(TimeSpan.FromSeconds(60)));
        Assert.Single(service.Lines, l => l.Contains("Middleware:Cluster:RenewEvery must be positive and at most half of ClaimLease", StringComparison.Ordinal));
        Assert.DoesNotContain(service.Lines, l => l.Contains("Exception", StringComparison.Ordinal));
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
