using Dapper;
using Middleware.Core.Retention;

namespace Middleware.Data.Retention;

/// <summary>Retention batches. Candidates are found on a reader connection (with WAL a scan does not
/// hold the writer) and changed by id in one background-priority write; the write re-checks the
/// state, so a row that changed in between is left alone.</summary>
public sealed class RetentionStore(IDbConnectionFactory db) : IRetentionStore
{
    public Task<RetentionBatch> DropInboxBodiesAsync(DateTimeOffset processedBefore, long afterId, int batch, CancellationToken ct = default)
    {
        const string find = """
            SELECT id FROM inbox
            WHERE id > @afterId AND state IN ('done', 'rejected', 'failed') AND processed_at < @before AND body <> ''
            ORDER BY id
            LIMIT @batch
            """;
        const string apply = """
            UPDATE inbox SET body = '' WHERE id IN @ids AND state IN ('done', 'rejected', 'failed')
            """;
        return FindThenApplyAsync(find, apply, new { afterId, before = UnixTime.ToMs(processedBefore), batch }, batch, ct);
    }

    public Task<RetentionBatch> DeleteFinishedDeliveriesAsync(DateTimeOffset queuedBefore, long afterId, int batch, CancellationToken ct = default)
    {
        const string find = """
            SELECT id FROM deliveries
            WHERE id > @afterId AND state IN ('delivered', 'failed') AND created_at < @before
            ORDER BY id
            LIMIT @batch
            """;
        const string apply = """
            DELETE FROM deliveries WHERE id IN @ids AND state IN ('delivered', 'failed')
            """;
        return FindThenApplyAsync(find, apply, new { afterId, before = UnixTime.ToMs(queuedBefore), batch }, batch, ct);
    }

    public Task<RetentionBatch> DeleteServedPositionsAsync(DateTimeOffset servedBefore, long afterId, int batch, CancellationToken ct = default)
    {
        // served_at is unix seconds (0015_served_positions.sql), unlike the milliseconds elsewhere.
        const string find = """
            SELECT id FROM served_positions
            WHERE id > @afterId AND served_at < @before
            ORDER BY id
            LIMIT @batch
            """;
        const string apply = """
            DELETE FROM served_positions WHERE id IN @ids
            """;
        return FindThenApplyAsync(find, apply, new { afterId, before = servedBefore.ToUnixTimeSeconds(), batch }, batch, ct);
    }

    public async Task<int> DeleteExpiredAsync(ExpiringKind kind, DateTimeOffset now, int batch, CancellationToken ct = default)
    {
        // Small tables (rows live minutes, sessions weeks); one bounded statement each.
        var sql = kind switch
        {
            ExpiringKind.OAuthPendingLogins => """
                DELETE FROM oauth_pending_logins WHERE state IN
                    (SELECT state FROM oauth_pending_logins WHERE expires_at <= @now LIMIT @batch)
                """,
            ExpiringKind.OAuthCodes => """
                DELETE FROM oauth_codes WHERE code_hash IN
                    (SELECT code_hash FROM oauth_codes WHERE expires_at <= @now LIMIT @batch)
                """,
            ExpiringKind.WebSignIns => """
                DELETE FROM web_sign_ins WHERE state IN
                    (SELECT state FROM web_sign_ins WHERE expires_at <= @now LIMIT @batch)
                """,
            ExpiringKind.WebSessions => """
                DELETE FROM web_sessions WHERE token_hash IN
                    (SELECT token_hash FROM web_sessions WHERE expires_at <= @now LIMIT @batch)
                """,
            _ => throw new ArgumentOutOfRangeException(nameof(kind)),
        };
        await using var connection = await db.OpenForWriteAsync(WritePriority.Background, ct);
        return await connection.ExecuteAsync(new CommandDefinition(sql, new { now = UnixTime.ToMs(now), batch }, cancellationToken: ct));
    }

    private async Task<RetentionBatch> FindThenApplyAsync(string find, string apply, object parameters, int batch, CancellationToken ct)
    {
        List<long> ids;
        await using (var reader = await db.OpenAsync(ct))
            ids = (await reader.QueryAsync<long>(new CommandDefinition(find, parameters, cancellationToken: ct))).ToList();
        if (ids.Count == 0)
            return RetentionBatch.None;
        await using var writer = await db.OpenForWriteAsync(WritePriority.Background, ct);
        var changed = await writer.ExecuteAsync(new CommandDefinition(db.Lists(apply), new { ids }, cancellationToken: ct));
        return new RetentionBatch(changed, ids[^1], ids.Count == batch);
    }
}
