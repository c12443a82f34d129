namespace Middleware.Server.Operations;

/// <summary>The <c>Middleware:Telemetry</c> section. Both exports are off unless configured.</summary>
public sealed class TelemetryOptions
{
    public const string Section = "Middleware:Telemetry";

    public OtlpSettings Otlp { get; set; } = new();

    public PrometheusSettings Prometheus { get; set; } = new();

    /// <summary>Whether anything is exported; never with settings that have a <see cref="Problem"/>.</summary>
    public bool Exports => Problem() is null && (Otlp.Uri is not null || Prometheus.Enabled);

    /// <summary>Why these settings cannot be used (checked before start, StartChecks), or null.</summary>
    public string? Problem()
    {
        if (Otlp.Endpoint is { Length: > 0 } endpoint && Otlp.Uri is null)
            return $"{Section}:Otlp:Endpoint '{endpoint}' is not an absolute http or https URL (e.g. http://collector:4317).";
        if (Otlp.Protocol is not (OtlpSettings.Grpc or OtlpSettings.HttpProtobuf))
            return $"{Section}:Otlp:Protocol '{Otlp.Protocol}' is neither '{OtlpSettings.Grpc}' nor '{OtlpSettings.HttpProtobuf}'.";
        return null;
    }

    public sealed class OtlpSettings
    {
        public const string Grpc = "grpc";
        public const string HttpProtobuf = "http/protobuf";

        /// <summary>The collector's base URL (e.g. <c>http://collector:4317</c> for gRPC,
        /// <c>http://collector:4318</c> for HTTP); none sends nothing. Text, so that a wrong value is
        /// refused by the start checks with its name instead of failing the configuration binder.</summary>
        public string? Endpoint { get; set; }

        /// <summary><c>grpc</c> (the default) or <c>http/protobuf</c>.</summary>
        public string Protocol { get; set; } = Grpc;

        /// <summary><see cref="Endpoint"/> when it is an absolute http(s) URL, else null.</summary>
        public Uri? Uri => System.Uri.TryCreate(Endpoint, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" ? uri : null;
    }

    public sealed class PrometheusSettings
    {
        /// <summary>Serve <c>/api/admin/metrics</c> in Prometheus' text format, to the admin token only.</summary>
        public bool Enabled { get; set; }
    }
}
