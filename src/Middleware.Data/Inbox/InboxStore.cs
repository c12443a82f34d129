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
    /// <summary>Whether the appended entry ({0}: its actor) may be claimed at once: true when its actor's
    /// earliest pending entry that is due or held is none, or is held by this node. This is the rule
    /// of <see cref="InboxClaims"/>, which already lets a node hold several entries of one actor (its
    /// worker runs them in order). On PostgreSQL the statement sees only entries committed before it,
    /// so the rule holds against everything but an append on another node in the same instant.</summary>
    private static string MayClaim(string actor) => $"""
        NOT EXISTS (
            SELECT 1 FROM (
                SELECT f.claimed_by, f.claimed_until
                FROM inbox f
                WHERE f.actor_uri = {actor} AND f.state = 'pending'
                  AND (f.next_attempt_at <= @Now OR f.claimed_until > @Now)
                ORDER BY f.id
                LIMIT 1) AS earliest
            WHERE earliest.claimed_by IS NULL OR earliest.claimed_by <> @Node OR earliest.claimed_until <= @Now)
        """;

    /// <summary>SQLite: one entry, the <c>@position</c>-th of its batch (from 1). It sees the batch's
    /// earlier entries, so a later entry of one actor is claimed only if the earlier one was.</summary>
    private static readonly string Append = $"""
        INSERT INTO inbox (activity_id, type, actor_uri, signer_uri, body, local_recipient,
                           received_at, state, attempts, next_attempt_at, claimed_by, claimed_until)
        SELECT @activity_id, @type, @actor_uri, @signer_uri, @body, @local_recipient,
               @received_at, 'pending', 0, @received_at,
               CASE WHEN c.ours THEN @Node END, CASE WHEN c.ours THEN @Until END
        FROM (SELECT @position <= @ClaimMax AND {MayClaim("@actor_uri")} AS ours) AS c
        WHERE TRUE
        ON CONFLICT (activity_id, signer_uri) DO NOTHING
        RETURNING id, claimed_by
        """;

    /// <summary>PostgreSQL: the whole batch as one statement, its rows from arrays in arrival order
    /// (ids follow it). A repeat within the batch or of an earlier one is skipped by ON CONFLICT, and
    /// RETURNING names the rows that went in. The statement does not see its own rows: an entry of an
    /// actor with an earlier one in the batch gets the same answer from <see cref="MayClaim"/>, and the
    /// earlier one is within <c>@ClaimMax</c> whenever the later one is.</summary>
    private static readonly string AppendMany = $"""
        INSERT INTO inbox (activity_id, type, actor_uri, signer_uri, body, local_recipient,
                           received_at, state, attempts, next_attempt_at, claimed_by, claimed_until)
        SELECT e.activity_id, e.type, e.actor_uri, e.signer_uri, e.body, e.local_recipient,
               e.received_at, 'pending', 0, e.received_at,
               CASE WHEN c.ours THEN @Node END, CASE WHEN c.ours THEN @Until END
        FROM unnest(@activity_id, @type, @actor_uri, @signer_uri, @body, @local_recipient, @received_at)
             WITH ORDINALITY AS e(activity_id, type, actor_uri, signer_uri, body, local_recipient, received_at, n)
        CROSS JOIN LATERAL (SELECT e.n <= @ClaimMax AND {MayClaim("e.actor_uri")} AS ours) AS c
        ORDER BY e.n
        ON CONFLICT (activity_id, signer_uri) DO NOTHING
        RETURNING id, claimed_by, activity_id, signer_uri
        """;

    /// <summary>PostgreSQL, before <see cref="AppendMany"/> in the same implicit transaction: a lock per
    /// actor of the batch (in one order, so two batches cannot wait on each other), held until the
    /// commit. Two nodes appending entries of one actor at once thus store them one after the other:
    /// ids per actor follow the commits, and the insert that waited sees the other's entry when it
    /// decides whether to claim. The two-key form keeps these apart from the single-key locks of the
    /// leader and the migrations.
    /// It also keeps the insert, bound after it, on its generic plan (<see cref="GenericPlans"/>).</summary>
    private static readonly string LockActors = $$"""
        SELECT {{GenericPlans.ForThisTransaction}},
               (SELECT COUNT(pg_advisory_xact_lock({{ActorLockClass}}, k))
                FROM (SELECT DISTINCT hashtext(a) AS k FROM unnest(@actor_uri) AS a ORDER BY k) AS actors)
        """;

    /// <summary>The first key of <see cref="LockActors"/>' locks: any fixed number.</summary>
    private const int ActorLockClass = 7_164_712;

    /// <summary>What PostgreSQL runs for a batch: the locks, then the insert.</summary>
    private static readonly string LockAndAppendMany = LockActors + ";\n" + AppendMany;

    /// <summary>Group commit: the whole batch at once, all or nothing. An entry is a repeat when the
    /// same signer sent the same activity id before (or earlier in the batch): one sender cannot make
    /// another's activity a duplicate (ADR 0024).
    ///
    /// On PostgreSQL the batch is one statement (<see cref="AppendMany"/>), one round trip that needs no
    /// explicit transaction: a statement commits whole or not at all. That keeps the path of every 202
    /// to a single round trip and a single statement, however many peers wait on it (ADR 0041).
    /// SQLite, in process, runs one prepared command per entry in a transaction.</summary>
    public async Task<IReadOnlyList<bool>> AppendAsync(IReadOnlyList<NewInboxEntry> entries, CancellationToken ct = default) =>
        (await AppendAndClaimAsync(entries, AppendClaim.None, ct)).Select(a => a.Stored).ToList();

    public async Task<IReadOnlyList<AppendedEntry>> AppendAndClaimAsync(
        IReadOnlyList<NewInboxEntry> entries, AppendClaim claim, CancellationToken ct = default)
    {
        if (entries.Count == 0)
        {
            return [];
        }

        await using var connection = await db.OpenForWriteAsync(WritePriority.Request, ct);
        if (db.Dialect == SqlDialect.PostgreSql)
        {
            return await AppendAsOneStatementAsync(connection, entries, claim, ct);
        }

        await using var tx = await connection.BeginTransactionAsync(ct);
        var added = await AppendOneByOneAsync(connection, tx, entries, claim, ct);
        await tx.CommitAsync(ct);
        return added;
    }

    private async Task<AppendedEntry[]> AppendOneByOneAsync(
        DbConnection connection, DbTransaction tx, IReadOnlyList<NewInboxEntry> entries, AppendClaim claim, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = tx;
        command.CommandText = Append;
        var parameters = AppendParameters(command.CreateParameter, command.Parameters);
        BindClaim(command, claim);
        await command.PrepareAsync(ct);

        var added = new AppendedEntry[entries.Count];
        for (var i = 0; i < entries.Count; i++)
        {
            Bind(parameters, entries[i], i + 1);
            await using var reader = await command.ExecuteReaderAsync(ct);
            added[i] = await reader.ReadAsync(ct)
                ? Appended(entries[i], reader.GetInt64(0), !await reader.IsDBNullAsync(1, ct))
                : NotStored;
        }

        return added;
    }

    private async Task<AppendedEntry[]> AppendAsOneStatementAsync(
        DbConnection connection, IReadOnlyList<NewInboxEntry> entries, AppendClaim claim, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = LockAndAppendMany;
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
        BindClaim(command, claim);

        var stored = new Dictionary<(string ActivityId, string SignerUri), (long Id, bool Claimed)>();
        await using (var reader = await command.ExecuteReaderAsync(ct))
        {
            await reader.NextResultAsync(ct);
            while (await reader.ReadAsync(ct))
                stored[(reader.GetString(2), reader.GetString(3))] = (reader.GetInt64(0), !await reader.IsDBNullAsync(1, ct));
        }

        // The first of repeats within the batch is the one stored.
        return entries
            .Select(e => stored.Remove((e.ActivityId, e.SignerUri), out var row) ? Appended(e, row.Id, row.Claimed) : NotStored)
            .ToArray();
    }

    private static readonly AppendedEntry NotStored = new(false, null);

    private static AppendedEntry Appended(NewInboxEntry entry, long id, bool claimed) => new(true, claimed
        ? new InboxEntry(id, entry.ActivityId, entry.Type, entry.ActorUri, entry.SignerUri, entry.Body,
            entry.LocalRecipient, UnixTime.FromMs(UnixTime.ToMs(entry.ReceivedAt)), InboxState.Pending, 0)
        : null);

    private void BindClaim(DbCommand command, AppendClaim claim)
    {
        void Add(string name, DbType type, object value)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.DbType = type;
            parameter.Value = value;
            command.Parameters.Add(parameter);
        }

        Add("@ClaimMax", DbType.Int64, (long)Math.Max(0, claim.Max));
        Add("@Now", DbType.Int64, UnixTime.ToMs(claim.Now));
        Add("@Until", DbType.Int64, UnixTime.ToMs(claim.Until));
        Add("@Node", DbType.String, node.Id);
    }

    private static readonly (string Name, DbType Type)[] AppendShape =
    [
        ("@activity_id", DbType.String), ("@type", DbType.String), ("@actor_uri", DbType.String),
        ("@signer_uri", DbType.String), ("@body", DbType.String), ("@local_recipient", DbType.String),
        ("@received_at", DbType.Int64), ("@position", DbType.Int64),
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

    private static void Bind(DbParameter[] parameters, NewInboxEntry entry, long position)
    {
        parameters[0].Value = entry.ActivityId;
        parameters[1].Value = entry.Type;
        parameters[2].Value = entry.ActorUri;
        parameters[3].Value = entry.SignerUri;
        parameters[4].Value = entry.Body;
        parameters[5].Value = (object?)entry.LocalRecipient ?? DBNull.Value;
        parameters[6].Value = UnixTime.ToMs(entry.ReceivedAt);
        parameters[7].Value = position;
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

        const string sql = $"""
            UPDATE inbox
            SET attempts = attempts + 1, next_attempt_at = @RetryAt, note = @error,
                claimed_by = NULL, claimed_until = NULL
            WHERE id = @id AND {InboxPredicates.PendingById} AND claimed_by = @Node
            """;
        await connection.ExecuteAsync(new CommandDefinition(
            sql, new { id, error, RetryAt = UnixTime.ToMs(retryAt), Node = node.Id }, cancellationToken: ct));
    }

    public async Task CloseAsync(long id, InboxState state, string? note, CancellationToken ct = default)
    {
        await using var connection = await db.OpenForWriteAsync(ct);

        const string sql = $"""
            UPDATE inbox SET state = @State, note = @note, processed_at = @Now
            WHERE id = @id AND {InboxPredicates.PendingById} AND claimed_by = @Node
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
