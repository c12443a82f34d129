namespace Middleware.Core.Delivery;

/// <summary>The durable outbound queue. One row per (activity, inbox): recipients that share an
/// inbox (sharedInbox) get one delivery.</summary>
public interface IDeliveryQueue
{
    /// <summary>Adds jobs; a job for an (activity, inbox) pair already queued is skipped.</summary>
    Task EnqueueAsync(IReadOnlyList<NewDelivery> deliveries, CancellationToken ct = default);
    /// <summary>The pending jobs due by <paramref name="now"/>, without claiming them (a look, not work:
    /// workers claim through <see cref="IDeliveryClaims"/>).</summary>
    Task<IReadOnlyList<DeliveryJob>> TakeDueAsync(DateTimeOffset now, int max, CancellationToken ct = default);

    // The marks below return false, changing nothing, when the job is no longer pending or its claim
    // is no longer this node's (another node took it over after the lease ran out; ADR 0035).
    Task<bool> MarkDeliveredAsync(long id, CancellationToken ct = default);
    Task<bool> RescheduleAsync(long id, int attempts, DateTimeOffset nextAttemptAt, string error, CancellationToken ct = default);
    Task<bool> MarkFailedAsync(long id, string error, CancellationToken ct = default);
    Task<DeliveryCounts> CountAsync(CancellationToken ct = default);
}

public sealed record DeliveryCounts(long Pending, long Delivered, long Failed);
