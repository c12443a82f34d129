using Dapper;
using Middleware.Core.Cluster;
using Middleware.Core.Delivery;

namespace Middleware.Data.Delivery;

/// <summary>Claims deliveries for this node, one statement per batch (ADR 0035).</summary>
public sealed class DeliveryClaims(IDbConnectionFactory db, NodeIdentity node) : IDeliveryClaims
{
    public async Task<IReadOnlyList<DeliveryJob>> ClaimDueAsync(
        DateTimeOffset now, DateTimeOffset until, int max, CancellationToken ct = default)
    {
        await using var connection = await db.OpenForWriteAsync(ct);

        // A range read over ix_deliveries_due (state, next_attempt_at); locked on PostgreSQL, skipping
        // rows another node is claiming right now. Jobs have no order among themselves.
        const string sql = """
            WITH due AS (
                SELECT id
                FROM deliveries
                WHERE state = 'pending' AND next_attempt_at <= @Now
                  AND (claimed_until IS NULL OR claimed_until <= @Now)
                ORDER BY next_attempt_at, id
                LIMIT @max
                /* FOR UPDATE SKIP LOCKED */
            )
            UPDATE deliveries SET claimed_by = @Node, claimed_until = @Until
            WHERE id IN (SELECT id FROM due)
            RETURNING id AS Id, inbox_url AS InboxUrl, sender_username AS SenderUsername,
                      activity_id AS ActivityId, body AS Body, attempts AS Attempts,
                      next_attempt_at AS NextAttemptAt, state AS State, last_error AS LastError,
                      created_at AS CreatedAt
            """;
        var rows = await connection.QueryAsync<DeliveryRow>(new CommandDefinition(db.Claiming(sql), new
        {
            Now = UnixTime.ToMs(now),
            Until = UnixTime.ToMs(until),
            Node = node.Id,
            max,
        }, cancellationToken: ct));
        // RETURNING promises no order.
        return rows.Select(r => r.ToJob()).OrderBy(j => j.NextAttemptAt).ThenBy(j => j.Id).ToList();
    }

    private readonly ClaimedRows _claimed = new(db, node);

    public Task<int> RenewAsync(IReadOnlyCollection<long> ids, DateTimeOffset until, CancellationToken ct = default)
    {
        const string sql = """
            UPDATE deliveries SET claimed_until = @Until
            WHERE id IN (
                SELECT id FROM deliveries
                WHERE id IN @ids AND claimed_by = @Node AND state = 'pending'
                /* FOR UPDATE SKIP LOCKED */)
            """;
        return _claimed.ByIdsAsync(sql, ids, until, ct);
    }

    public Task ReleaseIfSoleNodeAsync(CancellationToken ct = default)
    {
        const string sql = """
            UPDATE deliveries SET claimed_by = NULL, claimed_until = NULL
            WHERE state = 'pending' AND claimed_by IS NOT NULL
            """;
        return _claimed.ReleaseIfSoleNodeAsync(sql, ct);
    }
}
