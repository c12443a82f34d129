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

public interface IStatsReader
{
    Task<StoreStats> ReadAsync(CancellationToken ct = default);
}
