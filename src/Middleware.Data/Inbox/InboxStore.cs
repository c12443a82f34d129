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

    /// <summary>PostgreSQL: the whole batch as one statement, its rows from arrays in arrival order
    /// (ids follow it). A repeat within the batch or of an earlier one is skipped by ON CONFLICT, and
    /// RETURNING names the rows that went in.</summary>
    private const string AppendMany = """
        INSERT INTO inbox (activity_id, type, actor_uri, signer_uri, body, local_recipient,
                           received_at, state, attempts, next_attempt_at)
        SELECT e.activity_id, e.type, e.actor_uri, e.signer_uri, e.body, e.local_recipient,
               e.received_at, 'pending', 0, e.received_at
        FROM unnest(@activity_id, @type, @actor_uri, @signer_uri, @body, @local_recipient, @received_at)
             WITH ORDINALITY AS e(activity_id, type, actor_uri, signer_uri, body, local_recipient, received_at, n)
        ORDER BY e.n
        ON CONFLICT (activity_id, signer_uri) DO NOTHING
        RETURNING activity_id, signer_uri
        """;

    /// <summary>Group commit: the whole batch at once, all or nothing. An entry is a repeat when the
    /// same signer sent the same activity id before (or earlier in the batch): one sender cannot make
    /// another's activity a duplicate (ADR 0024).
    ///
    /// On PostgreSQL the batch is one statement (<see cref="AppendMany"/>), one round trip that needs no
    /// explicit transaction: a statement commits whole or not at all. That keeps the path of every 202
    /// to a single round trip and a single statement, however many peers wait on it (ADR 0041).
    /// SQLite, in process, runs one prepared command per entry in a transaction.</summary>
    public async Task<IReadOnlyList<bool>> AppendAsync(IReadOnlyList<NewInboxEntry> entries, CancellationToken ct = default)
    {
        if (entries.Count == 0)
        {
            return [];
        }

        await using var connection = await db.OpenForWriteAsync(WritePriority.Request, ct);
        if (db.Dialect == SqlDialect.PostgreSql)
        {
            return await AppendAsOneStatementAsync(connection, entries, ct);
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

    private static async Task<bool[]> AppendAsOneStatementAsync(DbConnection connection, IReadOnlyList<NewInboxEntry> entries, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = AppendMany;
        void Column<T>(string name, Func<NewInboxEntry, T> value)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = entries.Select(value).ToArray();
            command.Parameters.Add(parameter);
        }

        Column("@activity_id", e => e.ActivityId);
        Column("@type", e => e.Type);
        Column("@actor_uri", e => e.ActorUri);
        Column("@signer_uri", e => e.SignerUri);
        Column("@body", e => e.Body);
        Column("@local_recipient", e => e.LocalRecipient);
        Column("@received_at", e => UnixTime.ToMs(e.ReceivedAt));

        var stored = new HashSet<(string ActivityId, string SignerUri)>();
        await using (var reader = await command.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct))
                stored.Add((reader.GetString(0), reader.GetString(1)));
        }

        // The first of repeats within the batch is the one stored.
        return entries.Select(e => stored.Remove((e.ActivityId, e.SignerUri))).ToArray();
    }

    private static readonly (string Name, DbType Type)[] AppendShape =
    [
        ("@activity_id", DbType.String), ("@type", DbType.String), ("@actor_uri", DbType.String),
        ("@signer_uri", DbType.String), ("@body", DbType.String), ("@local_recipient", DbType.String),
        ("@received_at", DbType.Int64),
    ];

    /// <summary>The insert's parameters (SQLite), in the order <see cref="Bind"/> fills them, typed up
    /// front so the prepared command keeps them.</summary>
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
