using System.Diagnostics;
using System.Diagnostics.Metrics;
using Middleware.Core.Cluster;
using Middleware.Ranking.Engine;
using Middleware.Server.Inbox;

namespace Middleware.Server.Operations;

/// <summary>The service's own instruments (meter <see cref="Name"/>) and spans (activity source
/// <see cref="Name"/>). The meter comes from the host's <see cref="IMeterFactory"/>, so each host has
/// its own (tests run several in one process); whether anything exports them is
/// <see cref="TelemetrySetup"/>'s business. Names and meanings are listed in docs/deployment.md.</summary>
public sealed class ServiceMetrics
{
    public const string Name = "Middleware";

    /// <summary>Spans for inbox processing and delivery.</summary>
    public static readonly ActivitySource Source = new(Name);

    private readonly Counter<long> inboxReceived;
    private readonly Counter<long> inboxProcessed;
    private readonly Counter<long> deliveries;
    private readonly Counter<long> deliveryFailures;
    private readonly Counter<long> auditDropped;
    private readonly Histogram<double> surfaceDuration;

    public ServiceMetrics(IMeterFactory meters, InboxBackpressure backlog, ILeadership leadership)
    {
        var meter = meters.Create(Name);
        inboxReceived = meter.CreateCounter<long>("middleware.inbox.received", "{activity}",
            "Inbox POSTs answered, by HTTP status (202 stored, 503 busy or stopping, 4xx refused).");
        inboxProcessed = meter.CreateCounter<long>("middleware.inbox.processed", "{activity}",
            "Stored inbox entries the worker finished, by outcome (done, rejected, retry, failed).");
        meter.CreateObservableGauge("middleware.inbox.backlog", () => backlog.Pending, "{activity}",
            "Stored inbox entries not yet processed (refreshed every second).");
        meter.CreateObservableGauge("middleware.cluster.leading", () => leadership.IsLeading ? 1 : 0, "{node}",
            "1 while this node leads the singleton work (refits, feed boosts, timeline polls, retention), else 0.");
        deliveries = meter.CreateCounter<long>("middleware.delivery.attempts", "{delivery}",
            "Outgoing deliveries tried, by result (delivered, gone, refused, retry).");
        deliveryFailures = meter.CreateCounter<long>("middleware.delivery.failures", "{delivery}",
            "Outgoing deliveries that did not arrive, by receiving host and result.");
        auditDropped = meter.CreateCounter<long>("middleware.audit.dropped", "{page}",
            "Served pages not recorded for the audit because its queue was full.");
        surfaceDuration = meter.CreateHistogram<double>("middleware.surface.duration", "s",
            "Time to answer a feed surface (skeleton, home or list timeline), by surface.", tags: null, RankingTelemetry.RequestSeconds);
    }

    public void InboxReceived(int status) => inboxReceived.Add(1, new KeyValuePair<string, object?>("status", status));

    public void InboxProcessed(string outcome) => inboxProcessed.Add(1, new KeyValuePair<string, object?>("outcome", outcome));

    public void Delivery(string host, string result)
    {
        deliveries.Add(1, new KeyValuePair<string, object?>("result", result));
        if (result != "delivered")
            deliveryFailures.Add(1, new KeyValuePair<string, object?>("host", host), new KeyValuePair<string, object?>("result", result));
    }

    public void AuditDropped() => auditDropped.Add(1);

    public void Surface(string surface, TimeSpan elapsed) =>
        surfaceDuration.Record(elapsed.TotalSeconds, new KeyValuePair<string, object?>("surface", surface));
}
