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
    private const string Append = """
        INSERT INTO inbox (activity_id, type, actor_uri, signer_uri, body, local_recipient,
                           received_at, state, attempts, next_attempt_at)
        VALUES (@activity_id, @type, @actor_uri, @signer_uri, @body, @local_recipient,
                @received_at, 'pending', 0, @received_at)
        ON CONFLICT (activity_id, signer_uri) DO NOTHING
        """;

    /// <summary>Group commit: the whole batch in one transaction, all or nothing. An entry is a repeat
    /// when the same signer sent the same activity id before: one sender cannot make another's activity
    /// a duplicate (ADR 0024).
    ///
    /// Where the driver takes batches (PostgreSQL) the batch is one round trip and needs no explicit
    /// transaction: one statement commits on its own, and a <see cref="DbBatch"/> of several runs in the
    /// one implicit transaction the protocol gives statements sent before a single Sync, so an error in
    /// any of them stores none. That halves the round trips on the path of every 202 (no BEGIN, no
    /// separate COMMIT). SQLite, in process, runs them through one prepared command in a transaction.</summary>
    public async Task<IReadOnlyList<bool>> AppendAsync(IReadOnlyList<NewInboxEntry> entries, CancellationToken ct = default)
    {
        if (entries.Count == 0)
        {
            return [];
        }

        await using var connection = await db.OpenForWriteAsync(WritePriority.Request, ct);
        if (connection.CanCreateBatch)
        {
            return await AppendBatchedAsync(connection, entries, ct);
        }

        await using var tx = await connection.BeginTransactionAsync(ct);
        var added = await AppendOneByOneAsync(connection, tx, entries, ct);
        await tx.CommitAsync(ct);
        return added;
    }

    private static async Task<bool[]> AppendOneByOneAsync(
        DbConnection connection, DbTransaction tx, IReadOnlyList<NewInboxEntry> entries, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = tx;
        command.CommandText = Append;
        var parameters = AppendParameters(command.CreateParameter, command.Parameters);
        await command.PrepareAsync(ct);

        var added = new bool[entries.Count];
        for (var i = 0; i < entries.Count; i++)
        {
            Bind(parameters, entries[i]);
            added[i] = await command.ExecuteNonQueryAsync(ct) == 1;
        }

        return added;
    }

    private static async Task<bool[]> AppendBatchedAsync(DbConnection connection, IReadOnlyList<NewInboxEntry> entries, CancellationToken ct)
    {
        await using var batch = connection.CreateBatch();
        foreach (var entry in entries)
        {
            var command = batch.CreateBatchCommand();
            command.CommandText = Append;
            Bind(AppendParameters(command.CreateParameter, command.Parameters), entry);
            batch.BatchCommands.Add(command);
        }

        await batch.ExecuteNonQueryAsync(ct);
        return batch.BatchCommands.Select(c => c.RecordsAffected == 1).ToArray();
    }

    private static readonly (string Name, DbType Type)[] AppendShape =
    [
        ("@activity_id", DbType.String), ("@type", DbType.String), ("@actor_uri", DbType.String),
        ("@signer_uri", DbType.String), ("@body", DbType.String), ("@local_recipient", DbType.String),
        ("@received_at", DbType.Int64),
    ];

    /// <summary>The insert's parameters, in the order <see cref="Bind"/> fills them, typed up front so
    /// providers that prepare server-side (PostgreSQL) know the types.</summary>
    private static DbParameter[] AppendParameters(Func<DbParameter> create, DbParameterCollection into)
    {
        var parameters = new DbParameter[AppendShape.Length];
        for (var i = 0; i < AppendShape.Length; i++)
        {
            parameters[i] = create();
            parameters[i].ParameterName = AppendShape[i].Name;
            parameters[i].DbType = AppendShape[i].Type;
            into.Add(parameters[i]);
        }

        return parameters;
    }

    private static void Bind(DbParameter[] parameters, NewInboxEntry entry)
    {
        parameters[0].Value = entry.ActivityId;
        parameters[1].Value = entry.Type;
        parameters[2].Value = entry.ActorUri;
        parameters[3].Value = entry.SignerUri;
        parameters[4].Value = entry.Body;
        parameters[5].Value = (object?)entry.LocalRecipient ?? DBNull.Value;
        parameters[6].Value = UnixTime.ToMs(entry.ReceivedAt);
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
}
