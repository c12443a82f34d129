using System.Data;
using System.Data.Common;
using Dapper;
using Middleware.Core.Cluster;
using Middleware.Core.Inbox;

namespace Middleware.Data.Inbox;

/// <summary>The durable inbox. Deferring and closing an entry take effect only while this node
/// (<paramref name="node"/>) holds its claim (ADR 0035).</summary>
public sealed class InboxStore(IDbConnectionFactory db, TimeProvider time, NodeIdentity node) : IInboxStore
{
    /// <summary>Group commit: the whole batch in one transaction through one prepared command. An entry
    /// is a repeat when the same signer sent the same activity id before: one sender cannot make
    /// another's activity a duplicate (ADR 0024).</summary>
    public async Task<IReadOnlyList<bool>> AppendAsync(IReadOnlyList<NewInboxEntry> entries, CancellationToken ct = default)
    {
        if (entries.Count == 0)
        {
            return [];
        }

        await using var connection = await db.OpenForWriteAsync(WritePriority.Request, ct);
        await using var tx = await connection.BeginTransactionAsync(ct);

        const string sql = """
            INSERT INTO inbox (activity_id, type, actor_uri, signer_uri, body, local_recipient,
                               received_at, state, attempts, next_attempt_at)
            VALUES (@activity_id, @type, @actor_uri, @signer_uri, @body, @local_recipient,
                    @received_at, 'pending', 0, @received_at)
            ON CONFLICT (activity_id, signer_uri) DO NOTHING
            """;
        await using var command = connection.CreateCommand();
        command.Transaction = tx;
        command.CommandText = sql;
        var activityId = Parameter(command, "@activity_id", DbType.String);
        var type = Parameter(command, "@type", DbType.String);
        var actorUri = Parameter(command, "@actor_uri", DbType.String);
        var signerUri = Parameter(command, "@signer_uri", DbType.String);
        var body = Parameter(command, "@body", DbType.String);
        var localRecipient = Parameter(command, "@local_recipient", DbType.String);
        var receivedAt = Parameter(command, "@received_at", DbType.Int64);
        await command.PrepareAsync(ct);

        var added = new bool[entries.Count];
        for (var i = 0; i < entries.Count; i++)
        {
            var entry = entries[i];
            activityId.Value = entry.ActivityId;
            type.Value = entry.Type;
            actorUri.Value = entry.ActorUri;
            signerUri.Value = entry.SignerUri;
            body.Value = entry.Body;
            localRecipient.Value = (object?)entry.LocalRecipient ?? DBNull.Value;
            receivedAt.Value = UnixTime.ToMs(entry.ReceivedAt);
            added[i] = await command.ExecuteNonQueryAsync(ct) == 1;
        }

        await tx.CommitAsync(ct);
        return added;
    }

    public async Task<IReadOnlyList<InboxEntry>> TakePendingAsync(int max, DateTimeOffset now, long afterId = 0, CancellationToken ct = default)
    {
        await using var connection = await db.OpenAsync(ct);

        const string sql = """
            SELECT id AS Id, activity_id AS ActivityId, type AS Type, actor_uri AS ActorUri,
                   signer_uri AS SignerUri, body AS Body, local_recipient AS LocalRecipient,
                   received_at AS ReceivedAt, state AS State, attempts AS Attempts
            FROM inbox
            WHERE state = 'pending' AND next_attempt_at <= @Now AND id > @afterId
            ORDER BY id
            LIMIT @max
            """;
        var rows = await connection.QueryAsync<InboxRow>(
            new CommandDefinition(sql, new { Now = UnixTime.ToMs(now), max, afterId }, cancellationToken: ct));
        return rows.Select(r => r.ToEntry()).ToList();
    }

    public async Task DeferAsync(long id, string error, DateTimeOffset retryAt, CancellationToken ct = default)
    {
        await using var connection = await db.OpenForWriteAsync(ct);

        const string sql = """
            UPDATE inbox
            SET attempts = attempts + 1, next_attempt_at = @RetryAt, note = @error,
                claimed_by = NULL, claimed_until = NULL
            WHERE id = @id AND state = 'pending' AND claimed_by = @Node
            """;
        await connection.ExecuteAsync(new CommandDefinition(
            sql, new { id, error, RetryAt = UnixTime.ToMs(retryAt), Node = node.Id }, cancellationToken: ct));
    }

    public async Task CloseAsync(long id, InboxState state, string? note, CancellationToken ct = default)
    {
        await using var connection = await db.OpenForWriteAsync(ct);

        const string sql = """
            UPDATE inbox SET state = @State, note = @note, processed_at = @Now
            WHERE id = @id AND state = 'pending' AND claimed_by = @Node
            """;
        await connection.ExecuteAsync(new CommandDefinition(sql, new
        {
            id,
            State = EnumText.From(state),
            note,
            Now = UnixTime.ToMs(time.GetUtcNow()),
            Node = node.Id,
        }, cancellationToken: ct));
    }

    public async Task<long> CountPendingAsync(CancellationToken ct = default)
    {
        await using var connection = await db.OpenAsync(ct);

        const string sql = """
            SELECT COUNT(*) FROM inbox WHERE state = 'pending'
            """;
        return await connection.ExecuteScalarAsync<long>(new CommandDefinition(sql, cancellationToken: ct));
    }

    // Typed up front so providers that prepare server-side (PostgreSQL) know the types.
    private static DbParameter Parameter(DbCommand command, string name, DbType type)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.DbType = type;
        command.Parameters.Add(parameter);
        return parameter;
    }
}
