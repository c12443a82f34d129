namespace Middleware.Core.Ingest;

public sealed record StoreStats(
    long Actors,
    long Posts,
    long Interactions,
    long Follows,
    long Followers,
    long InboxPending,
    long InboxDone,
    long InboxRejected,
    long InboxFailed,
    long DeliveriesPending,
    long DeliveriesFailed);

/// <summary>What is still to be done: the work queues alone, cheap to read however much is stored.</summary>
public sealed record QueueStats(long InboxPending, long DeliveriesPending);

public interface IStatsReader
{
    /// <summary>Everything, counted: on PostgreSQL this reads whole tables, so poll it rarely.</summary>
    Task<StoreStats> ReadAsync(CancellationToken ct = default);

    /// <summary>The pending inbox entries and deliveries, from their indexes: meant to be polled, e.g.
    /// while waiting for a node to drain before an upgrade, or by a load generator.</summary>
    Task<QueueStats> ReadQueuesAsync(CancellationToken ct = default);
}
