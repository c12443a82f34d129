using Microsoft.Extensions.Options;
using Middleware.Core.Retention;

namespace Middleware.Server.Retention;

/// <summary>What one retention run trimmed.</summary>
public sealed record RetentionReport(int InboxBodies, int Deliveries, int ExpiredSignIns, int ServedPositions)
{
    public bool Any => InboxBodies + Deliveries + ExpiredSignIns + ServedPositions > 0;
}

/// <summary>One retention run: inbox bodies, finished deliveries, the audit's old served positions and
/// expired sign-in state, each in
/// batches of <see cref="RetentionOptions.BatchSize"/>, against the service's clock.</summary>
public sealed class RetentionSweep(IRetentionStore store, TimeProvider clock, IOptions<RetentionOptions> options)
{
    public async Task<RetentionReport> RunAsync(CancellationToken ct = default)
    {
        var settings = options.Value;
        var now = clock.GetUtcNow();
        var batch = Math.Max(1, settings.BatchSize);
        var bodies = await InBatchesAsync((after, c) =>
            store.DropInboxBodiesAsync(now.AddDays(-settings.InboxBodyDays), after, batch, c), ct);
        var deliveries = await InBatchesAsync((after, c) =>
            store.DeleteFinishedDeliveriesAsync(now.AddDays(-settings.DeliveryDays), after, batch, c), ct);
        var served = await InBatchesAsync((after, c) =>
            store.DeleteServedPositionsAsync(now.AddDays(-settings.ServedPositionDays), after, batch, c), ct);
        var signIns = 0;
        foreach (var kind in Enum.GetValues<ExpiringKind>())
        {
            int deleted;
            do
            {
                deleted = await store.DeleteExpiredAsync(kind, now, batch, ct);
                signIns += deleted;
            }
            while (deleted == batch);
        }
        return new RetentionReport(bodies, deliveries, signIns, served);
    }

    private static async Task<int> InBatchesAsync(Func<long, CancellationToken, Task<RetentionBatch>> next, CancellationToken ct)
    {
        var total = 0;
        var after = 0L;
        RetentionBatch batch;
        do
        {
            batch = await next(after, ct);
            total += batch.Count;
            after = batch.LastId;
        }
        while (batch.More);
        return total;
    }
}
