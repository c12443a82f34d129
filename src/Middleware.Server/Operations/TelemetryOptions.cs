namespace Middleware.Server.Operations;

/// <summary>The <c>Middleware:Telemetry</c> section. Both exports are off unless configured.</summary>
public sealed class TelemetryOptions
{
    public const string Section = "Middleware:Telemetry";

    public OtlpSettings Otlp { get; set; } = new();

    public PrometheusSettings Prometheus { get; set; } = new();

    public bool Exports => Otlp.Endpoint is not null || Prometheus.Enabled;

    public sealed class OtlpSettings
    {
        /// <summary>The collector's base URL (e.g. <c>http://collector:4317</c> for gRPC,
        /// <c>http://collector:4318</c> for HTTP); null sends nothing.</summary>
        public Uri? Endpoint { get; set; }

        /// <summary><c>grpc</c> (the default) or <c>http/protobuf</c>.</summary>
        public string Protocol { get; set; } = "grpc";
    }

    public sealed class PrometheusSettings
    {
        /// <summary>Serve <c>/api/admin/metrics</c> in Prometheus' text format, to the admin token only.</summary>
        public bool Enabled { get; set; }
    }
}
