namespace Middleware.Core.Delivery;

/// <summary>The durable outbound queue. One row per (activity, inbox): recipients that share an
/// inbox (sharedInbox) get one delivery.</summary>
public interface IDeliveryQueue
{
    /// <summary>Adds jobs; a job for an (activity, inbox) pair already queued is skipped.</summary>
    Task EnqueueAsync(IReadOnlyList<NewDelivery> deliveries, CancellationToken ct = default);
    Task<IReadOnlyList<DeliveryJob>> TakeDueAsync(DateTimeOffset now, int max, CancellationToken ct = default);
    Task MarkDeliveredAsync(long id, CancellationToken ct = default);
    Task RescheduleAsync(long id, int attempts, DateTimeOffset nextAttemptAt, string error, CancellationToken ct = default);
    Task MarkFailedAsync(long id, string error, CancellationToken ct = default);
    Task<DeliveryCounts> CountAsync(CancellationToken ct = default);
}

public sealed record DeliveryCounts(long Pending, long Delivered, long Failed);
