using Microsoft.Extensions.Options;
using Middleware.Ranking.Engine;
using Middleware.Server.Configuration;
using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Middleware.Server.Operations;

/// <summary>Metrics and traces (ADR 0033). Our instruments always exist (they cost next to nothing
/// with no listener); the OpenTelemetry SDK is only added when an export is configured: OTLP
/// (metrics, traces and logs to a collector) and/or a Prometheus scrape endpoint.</summary>
public static class TelemetrySetup
{
    /// <summary>Under /api/admin like everything the admin token opens (ADR 0027); Prometheus takes it as <c>metrics_path</c>.</summary>
    public const string ScrapePath = "/api/admin/metrics";

    public static IServiceCollection AddMiddlewareTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddMetrics();
        services.AddSingleton<ServiceMetrics>();
        var section = configuration.GetSection(TelemetryOptions.Section);
        services.Configure<TelemetryOptions>(section);
        var options = section.Get<TelemetryOptions>() ?? new TelemetryOptions();
        if (!options.Exports)
            return services;

        var telemetry = services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService("middleware", serviceVersion: ServiceInfo.Version))
            .WithMetrics(metrics =>
            {
                metrics.AddMeter(ServiceMetrics.Name, RankingTelemetry.Name)
                    .AddAspNetCoreInstrumentation()
                    .AddHttpClientInstrumentation()
                    .AddRuntimeInstrumentation();
                if (options.Prometheus.Enabled)
                    metrics.AddPrometheusExporter();
            });
        if (options.Otlp.Uri is { } endpoint)
        {
            telemetry.WithTracing(tracing => tracing
                .AddSource(ServiceMetrics.Name, RankingTelemetry.Name)
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation());
            var protocol = options.Otlp.Protocol == TelemetryOptions.OtlpSettings.HttpProtobuf ? OtlpExportProtocol.HttpProtobuf : OtlpExportProtocol.Grpc;
            // The base URL: the exporter adds /v1/metrics, /v1/traces and /v1/logs for HTTP.
            telemetry.UseOtlpExporter(protocol, endpoint);
        }
        return services;
    }

    /// <summary>Maps <see cref="ScrapePath"/> when the Prometheus export is on; call it on the admin group, so a
    /// scraper sends the admin token (<c>authorization: credentials_file</c> in Prometheus). Off, the
    /// path is not mapped and answers 404.</summary>
    public static IEndpointRouteBuilder MapMetrics(this IEndpointRouteBuilder app)
    {
        if (app.ServiceProvider.GetRequiredService<IOptions<TelemetryOptions>>().Value.Prometheus.Enabled)
            app.MapPrometheusScrapingEndpoint(ScrapePath);
        return app;
    }
}
