using System.Data.Common;
using Dapper;
using Middleware.Core.Cluster;
using Middleware.Core.Delivery;

namespace Middleware.Data.Delivery;

/// <summary>The durable outbound queue. Its marks take effect only while this node
/// (<paramref name="node"/>) holds the job's claim (ADR 0035).</summary>
public sealed class DeliveryQueue(IDbConnectionFactory db, TimeProvider time, NodeIdentity node) : IDeliveryQueue
{
    public async Task EnqueueAsync(IReadOnlyList<NewDelivery> deliveries, CancellationToken ct = default)
    {
        if (deliveries.Count == 0)
        {
            return;
        }

        await using var connection = await db.OpenForWriteAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        await InsertAsync(connection, tx, deliveries, UnixTime.ToMs(time.GetUtcNow()), ct);
        await tx.CommitAsync(ct);
    }

    /// <summary>Shared with the change writer, which runs it inside its own transaction.
    /// A job for an (activity, inbox) pair already queued is skipped.</summary>
    internal static async Task InsertAsync(
        DbConnection connection, DbTransaction tx, IReadOnlyList<NewDelivery> deliveries, long now, CancellationToken ct)
    {
        if (deliveries.Count == 0)
        {
            return;
        }

        const string sql = """
            INSERT INTO deliveries (activity_id, inbox_url, sender_username, body, attempts,
                                    next_attempt_at, state, last_error, created_at)
            VALUES (@ActivityId, @InboxUrl, @SenderUsername, @Body, 0, @Now, 'pending', NULL, @Now)
            ON CONFLICT (activity_id, inbox_url) DO NOTHING
            """;
        var rows = deliveries.Select(d => new { d.ActivityId, d.InboxUrl, d.SenderUsername, d.Body, Now = now });
        await connection.ExecuteAsync(new CommandDefinition(sql, rows, tx, cancellationToken: ct));
    }

    public async Task<IReadOnlyList<DeliveryJob>> TakeDueAsync(DateTimeOffset now, int max, CancellationToken ct = default)
    {
        await using var connection = await db.OpenAsync(ct);

        const string sql = """
            SELECT id AS Id, inbox_url AS InboxUrl, sender_username AS SenderUsername,
                   activity_id AS ActivityId, body AS Body, attempts AS Attempts,
                   next_attempt_at AS NextAttemptAt, state AS State, last_error AS LastError,
                   created_at AS CreatedAt
            FROM deliveries
            WHERE state = 'pending' AND next_attempt_at <= @Now
            ORDER BY next_attempt_at, id
            LIMIT @max
            """;
        var rows = await connection.QueryAsync<DeliveryRow>(
            new CommandDefinition(sql, new { Now = UnixTime.ToMs(now), max }, cancellationToken: ct));
        return rows.Select(r => r.ToJob()).ToList();
    }

    public async Task<bool> MarkDeliveredAsync(long id, CancellationToken ct = default)
    {
        await using var connection = await db.OpenForWriteAsync(ct);

        const string sql = """
            UPDATE deliveries SET state = 'delivered', attempts = attempts + 1, last_error = NULL
            WHERE id = @id AND state = 'pending' AND claimed_by = @Node
            """;
        return await connection.ExecuteAsync(new CommandDefinition(sql, new { id, Node = node.Id }, cancellationToken: ct)) == 1;
    }

    public async Task<bool> RescheduleAsync(long id, int attempts, DateTimeOffset nextAttemptAt, string error, CancellationToken ct = default)
    {
        await using var connection = await db.OpenForWriteAsync(ct);

        // Released: whichever node is free when the job is due again sends it.
        const string sql = """
            UPDATE deliveries
            SET attempts = @attempts, next_attempt_at = @NextAttemptAt, last_error = @error,
                claimed_by = NULL, claimed_until = NULL
            WHERE id = @id AND state = 'pending' AND claimed_by = @Node
            """;
        return await connection.ExecuteAsync(new CommandDefinition(sql,
            new { id, attempts, NextAttemptAt = UnixTime.ToMs(nextAttemptAt), error, Node = node.Id }, cancellationToken: ct)) == 1;
    }

    public async Task<bool> MarkFailedAsync(long id, string error, CancellationToken ct = default)
    {
        await using var connection = await db.OpenForWriteAsync(ct);

        const string sql = """
            UPDATE deliveries SET state = 'failed', attempts = attempts + 1, last_error = @error
            WHERE id = @id AND state = 'pending' AND claimed_by = @Node
            """;
        return await connection.ExecuteAsync(new CommandDefinition(sql, new { id, error, Node = node.Id }, cancellationToken: ct)) == 1;
    }

    public async Task<DeliveryCounts> CountAsync(CancellationToken ct = default)
    {
        await using var connection = await db.OpenAsync(ct);

        const string sql = """
            SELECT
                COALESCE(SUM(CASE WHEN state = 'pending' THEN 1 ELSE 0 END), 0) AS Pending,
                COALESCE(SUM(CASE WHEN state = 'delivered' THEN 1 ELSE 0 END), 0) AS Delivered,
                COALESCE(SUM(CASE WHEN state = 'failed' THEN 1 ELSE 0 END), 0) AS Failed
            FROM deliveries
            """;
        var row = await connection.QuerySingleAsync<CountsRow>(new CommandDefinition(sql, cancellationToken: ct));
        return new DeliveryCounts(row.Pending, row.Delivered, row.Failed);
    }

    private sealed class CountsRow
    {
        public long Pending { get; init; }
        public long Delivered { get; init; }
        public long Failed { get; init; }
    }
}
