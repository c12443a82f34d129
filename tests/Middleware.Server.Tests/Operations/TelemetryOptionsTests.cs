using Middleware.Server.Operations;
using Middleware.Server.Tests.Infrastructure;

namespace Middleware.Server.Tests.Operations;

/// <summary>Telemetry settings the service cannot use are refused before start, naming the setting.</summary>
public sealed class TelemetryOptionsTests : IDisposable
{
    private readonly string _data = Path.Combine(Path.GetTempPath(), "middleware-tests", Guid.NewGuid().ToString("N"));

    [Theory]
    [InlineData("collector:4317", "grpc", "Otlp:Endpoint 'collector:4317'")]
    [InlineData("/v1/metrics", "grpc", "Otlp:Endpoint '/v1/metrics'")]
    [InlineData("ftp://collector:4317", "grpc", "Otlp:Endpoint 'ftp://collector:4317'")]
    [InlineData("not a url", "grpc", "Otlp:Endpoint 'not a url'")]
    [InlineData("http://collector:4318", "http/json", "Otlp:Protocol 'http/json'")]
    [InlineData(null, "", "Otlp:Protocol ''")]
    public void Settings_it_cannot_use_are_refused_naming_the_setting(string? endpoint, string protocol, string named)
    {
        var options = new TelemetryOptions { Otlp = { Endpoint = endpoint, Protocol = protocol } };

        Assert.Contains($"Middleware:Telemetry:{named}", options.Problem());
        Assert.False(options.Exports);
    }

    [Theory]
    [InlineData(null, "grpc", false)]
    [InlineData("", "grpc", false)]
    [InlineData("http://collector:4317", "grpc", true)]
    [InlineData("https://otel.example.org", "http/protobuf", true)]
    public void Usable_settings_pass(string? endpoint, string protocol, bool exports)
    {
        var options = new TelemetryOptions { Otlp = { Endpoint = endpoint, Protocol = protocol } };

        Assert.Null(options.Problem());
        Assert.Equal(exports, options.Exports);
    }

    [Fact]
    public async Task A_bad_endpoint_stops_the_process_with_one_line_and_a_non_zero_exit()
    {
        using var service = ServerProcess.Start(_data, new Dictionary<string, string> { ["Middleware__Telemetry__Otlp__Endpoint"] = "collector:4317" });

        Assert.NotEqual(0, await service.ExitCodeAsync(TimeSpan.FromSeconds(60)));
        Assert.Single(service.Lines, l => l.Contains("Middleware:Telemetry:Otlp:Endpoint 'collector:4317' is not an absolute http or https URL", StringComparison.Ordinal));
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
