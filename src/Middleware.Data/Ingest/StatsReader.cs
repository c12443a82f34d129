using Dapper;
using Middleware.Core.Ingest;

namespace Middleware.Data.Ingest;

public sealed class StatsReader(IDbConnectionFactory db) : IStatsReader
{
    // The queues, counted within the pending rows' indexes (ix_inbox_pending_actor, ix_deliveries_due).
    private const string PendingInbox = "(SELECT COUNT(*) FROM inbox WHERE state = 'pending')";
    private const string PendingDeliveries = "(SELECT COUNT(*) FROM deliveries WHERE state = 'pending')";

    public async Task<StoreStats> ReadAsync(CancellationToken ct = default)
    {
        await using var connection = await db.OpenAsync(ct);

        // The inbox keeps every activity's body, so it is scanned once for the three histories rather
        // than once per state (on PostgreSQL each scan reads the whole table: 60 ms per call at 20,000
        // entries, polled by operators and benchmarks, ADR 0040); pending alone uses its partial index.
        const string sql = $"""
            SELECT
                (SELECT COUNT(*) FROM remote_actors) AS Actors,
                (SELECT COUNT(*) FROM posts) AS Posts,
                (SELECT COUNT(*) FROM interactions) AS Interactions,
                (SELECT COUNT(*) FROM sources WHERE state = 'following') AS Follows,
                (SELECT COUNT(*) FROM followers) AS Followers,
                {PendingInbox} AS InboxPending,
                COALESCE(history.done, 0) AS InboxDone,
                COALESCE(history.rejected, 0) AS InboxRejected,
                COALESCE(history.failed, 0) AS InboxFailed,
                {PendingDeliveries} AS DeliveriesPending,
                (SELECT COUNT(*) FROM deliveries WHERE state = 'failed') AS DeliveriesFailed
            FROM (SELECT SUM(CASE WHEN state = 'done' THEN 1 ELSE 0 END) AS done,
                         SUM(CASE WHEN state = 'rejected' THEN 1 ELSE 0 END) AS rejected,
                         SUM(CASE WHEN state = 'failed' THEN 1 ELSE 0 END) AS failed
                  FROM inbox) AS history
            """;
        var row = await connection.QuerySingleAsync<StatsRow>(new CommandDefinition(sql, cancellationToken: ct));
        return new StoreStats(
            row.Actors, row.Posts, row.Interactions, row.Follows, row.Followers,
            row.InboxPending, row.InboxDone, row.InboxRejected, row.InboxFailed,
            row.DeliveriesPending, row.DeliveriesFailed);
    }

    public async Task<QueueStats> ReadQueuesAsync(CancellationToken ct = default)
    {
        await using var connection = await db.OpenAsync(ct);

        const string sql = $"""
            SELECT
                {PendingInbox} AS InboxPending,
                {PendingDeliveries} AS DeliveriesPending
            """;
        var row = await connection.QuerySingleAsync<QueueRow>(new CommandDefinition(sql, cancellationToken: ct));
        return new QueueStats(row.InboxPending, row.DeliveriesPending);
    }

    private sealed class QueueRow
    {
        public long InboxPending { get; init; }
        public long DeliveriesPending { get; init; }
    }

    private sealed class StatsRow
    {
        public long Actors { get; init; }
        public long Posts { get; init; }
        public long Interactions { get; init; }
        public long Follows { get; init; }
        public long Followers { get; init; }
        public long InboxPending { get; init; }
        public long InboxDone { get; init; }
        public long InboxRejected { get; init; }
        public long InboxFailed { get; init; }
        public long DeliveriesPending { get; init; }
        public long DeliveriesFailed { get; init; }
    }
}
