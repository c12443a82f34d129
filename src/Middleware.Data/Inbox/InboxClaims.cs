using Dapper;
using Middleware.Core.Cluster;
using Middleware.Core.Inbox;

namespace Middleware.Data.Inbox;

/// <summary>Claims inbox entries for this node, one statement per batch (ADR 0035).</summary>
public sealed class InboxClaims(IDbConnectionFactory db, NodeIdentity node) : IInboxClaims
{
    public async Task<IReadOnlyList<InboxEntry>> ClaimAsync(
        int max, DateTimeOffset now, DateTimeOffset until, long afterId = 0, CancellationToken ct = default)
    {
        await using var connection = await db.OpenForWriteAsync(ct);

        // candidates: the oldest claimable entries, an index range read over pending ids (locked on
        // PostgreSQL, skipping rows another node is claiming right now). Per actor, the earliest
        // pending entry that is due or held ("first") goes first: a candidate is claimed only when
        // its actor's first is among the candidates or held by this node. So a later entry waits
        // while another node holds the first, or while the first is claimable but not a candidate
        // here (another node is taking it now, or it lies below afterId). A deferred entry, not due
        // and held by nobody, gives up its place, as on one node. One index seek per candidate
        // (ix_inbox_pending_actor), however long the actor's backlog.
        const string sql = """
            WITH candidates AS (
                SELECT id, actor_uri
                FROM inbox
                WHERE state = 'pending' AND next_attempt_at <= @Now AND id > @afterId
                  AND (claimed_until IS NULL OR claimed_until <= @Now)
                ORDER BY id
                LIMIT @max
                /* FOR UPDATE SKIP LOCKED */
            )
            UPDATE inbox SET claimed_by = @Node, claimed_until = @Until
            WHERE id IN (
                SELECT c.id
                FROM candidates c
                JOIN inbox f ON f.id = (
                    SELECT e.id FROM inbox e
                    WHERE e.actor_uri = c.actor_uri AND e.state = 'pending'
                      AND (e.next_attempt_at <= @Now OR e.claimed_until > @Now)
                    ORDER BY e.id
                    LIMIT 1)
                WHERE f.id IN (SELECT id FROM candidates)
                   OR (f.claimed_by = @Node AND f.claimed_until > @Now))
            RETURNING id AS Id, activity_id AS ActivityId, type AS Type, actor_uri AS ActorUri,
                      signer_uri AS SignerUri, body AS Body, local_recipient AS LocalRecipient,
                      received_at AS ReceivedAt, state AS State, attempts AS Attempts
            """;
        var rows = await connection.QueryAsync<InboxRow>(new CommandDefinition(db.Claiming(sql), new
        {
            Now = UnixTime.ToMs(now),
            Until = UnixTime.ToMs(until),
            Node = node.Id,
            max,
            afterId,
        }, cancellationToken: ct));
        // RETURNING promises no order.
        return rows.Select(r => r.ToEntry()).OrderBy(e => e.Id).ToList();
    }

    private readonly ClaimedRows _claimed = new(db, node);

    public Task<int> RenewAsync(IReadOnlyCollection<long> ids, DateTimeOffset until, CancellationToken ct = default)
    {
        const string sql = $"""
            UPDATE inbox SET claimed_until = @Until
            WHERE id IN (
                SELECT id FROM inbox
                WHERE id IN @ids AND claimed_by = @Node AND {InboxPredicates.PendingById}
                /* FOR UPDATE SKIP LOCKED */)
            """;
        return _claimed.ByIdsAsync(sql, ids, until, ct);
    }

    public Task ReleaseAsync(IReadOnlyCollection<long> ids, CancellationToken ct = default)
    {
        const string sql = $"""
            UPDATE inbox SET claimed_by = NULL, claimed_until = NULL
            WHERE id IN (
                SELECT id FROM inbox
                WHERE id IN @ids AND claimed_by = @Node AND {InboxPredicates.PendingById}
                /* FOR UPDATE SKIP LOCKED */)
            """;
        return _claimed.ByIdsAsync(sql, ids, null, ct);
    }

    public Task ReleaseIfSoleNodeAsync(CancellationToken ct = default)
    {
        const string sql = """
            UPDATE inbox SET claimed_by = NULL, claimed_until = NULL
            WHERE state = 'pending' AND claimed_by IS NOT NULL
            """;
        return _claimed.ReleaseIfSoleNodeAsync(sql, ct);
    }
}
