using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Middleware.Ranking.Engine;

/// <summary>Ranking's own instruments and spans, with the base library's types only: the host decides
/// whether anything listens (OpenTelemetry in the server, a MeterListener in tests).</summary>
public static class RankingTelemetry
{
    /// <summary>The name of both the meter and the activity source.</summary>
    public const string Name = "Middleware.Ranking";

    public static readonly ActivitySource Source = new(Name);

    private static readonly Meter Meter = new(Name);

    /// <summary>Bucket bounds in seconds for request-time work, as ASP.NET Core's own request duration
    /// uses: without them the exporters' defaults (0, 5, 10, 25… meant for milliseconds) put every
    /// request in the first bucket.</summary>
    public static readonly InstrumentAdvice<double> RequestSeconds = new()
    {
        HistogramBucketBoundaries = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1, 2.5, 5, 10],
    };

    private static readonly InstrumentAdvice<double> RefitSeconds = new()
    {
        HistogramBucketBoundaries = [0.1, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600, 1800],
    };

    /// <summary>Seconds one ranking took, tagged <c>ranker</c> (the id asked for) and <c>fallback</c>.</summary>
    public static readonly Histogram<double> RankingDuration = Meter.CreateHistogram<double>(
        "middleware.ranking.duration", "s", "Time to rank one request's candidates, by ranker.", tags: null, RequestSeconds);

    /// <summary>Seconds one model refit took, tagged <c>ranker</c> and <c>succeeded</c>.</summary>
    public static readonly Histogram<double> RefitDuration = Meter.CreateHistogram<double>(
        "middleware.refit.duration", "s", "Time to refit a ranker's model from the stored signals.", tags: null, RefitSeconds);

    internal static void RecordRanking(string rankerId, TimeSpan elapsed, bool fallback) =>
        RankingDuration.Record(elapsed.TotalSeconds, new KeyValuePair<string, object?>("ranker", rankerId), new KeyValuePair<string, object?>("fallback", fallback));

    internal static void RecordRefit(string rankerId, RefitReport report) =>
        RefitDuration.Record(report.Duration.TotalSeconds, new KeyValuePair<string, object?>("ranker", rankerId), new KeyValuePair<string, object?>("succeeded", report.Succeeded));
}
