using System.Net;
using Middleware.Server.Tests.Infrastructure;

namespace Middleware.Server.Tests.Operations;

/// <summary>With <c>Middleware:Telemetry:Otlp:Endpoint</c> set, spans reach the collector over OTLP
/// (here the stand-in remote server plays the collector, over HTTP).</summary>
public sealed class OtlpExportTests : ServiceFixture
{
    private int traceExports;
    private string? contentType;

    protected override void Configure(MiddlewareFactory service)
    {
        Remote.Route("/v1/traces", context =>
        {
            contentType = context.Request.ContentType;
            Interlocked.Increment(ref traceExports);
            return Task.CompletedTask;
        });
        service.Settings["Middleware:Telemetry:Otlp:Endpoint"] = Remote.BaseUrl;
        service.Settings["Middleware:Telemetry:Otlp:Protocol"] = "http/protobuf";
    }

    [Fact]
    public async Task Request_spans_are_exported_to_the_collector_and_no_scrape_endpoint_opens()
    {
        Assert.Equal(HttpStatusCode.OK, (await Client.GetAsync("/healthz")).StatusCode);

        // The batch exporter sends every 5 s.
        await Eventually.TrueAsync(() => Task.FromResult(Volatile.Read(ref traceExports) > 0), "a trace export", timeoutMs: 30_000);

        Assert.Equal("application/x-protobuf", contentType);
        Assert.Equal(HttpStatusCode.NotFound, (await Admin.GetAsync("/api/admin/metrics")).StatusCode);
    }
}
