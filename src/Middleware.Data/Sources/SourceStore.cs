using System.Data.Common;
using Dapper;
using Middleware.Core.Sources;

namespace Middleware.Data.Sources;

public sealed class SourceStore(IDbConnectionFactory db, TimeProvider time) : ISourceStore
{
    private const string SelectColumns = """
        SELECT id AS Id, type AS Type, target AS Target, local_timeline AS LocalTimeline, state AS State,
               follow_activity_uri AS FollowActivityUri, last_error AS LastError, poll_cursor AS PollCursor,
               next_poll_at AS NextPollAt, created_at AS CreatedAt, updated_at AS UpdatedAt
        FROM sources
        """;

    /// <summary>Adding a source that exists (same type, target and timeline kind) returns the stored one.</summary>
    public async Task<Source> AddAsync(Source source, CancellationToken ct = default)
    {
        await using var connection = await db.OpenForWriteAsync(ct);
        var now = UnixTime.ToMs(time.GetUtcNow());
        var createdAt = source.CreatedAt == default ? now : UnixTime.ToMs(source.CreatedAt);

        const string insert = """
            INSERT INTO sources (type, target, local_timeline, state, follow_activity_uri, last_error,
                                 poll_cursor, next_poll_at, created_at, updated_at)
            VALUES (@Type, @Target, @LocalTimeline, @State, @FollowActivityUri, @LastError,
                    @PollCursor, @NextPollAt, @CreatedAt, @UpdatedAt)
            ON CONFLICT (type, target, local_timeline) DO NOTHING
            """;
        await connection.ExecuteAsync(new CommandDefinition(insert, new
        {
            Type = EnumText.From(source.Type),
            source.Target,
            LocalTimeline = source.Local ? 1 : 0,
            State = EnumText.From(source.State),
            source.FollowActivityUri,
            source.LastError,
            PollCursor = source.Cursor,
            NextPollAt = UnixTime.ToMs(source.NextPollAt),
            CreatedAt = createdAt,
            UpdatedAt = source.UpdatedAt == default ? createdAt : UnixTime.ToMs(source.UpdatedAt),
        }, cancellationToken: ct));

        const string select = SelectColumns + " WHERE type = @Type AND target = @Target AND local_timeline = @LocalTimeline";
        var row = await connection.QuerySingleAsync<SourceRow>(new CommandDefinition(select, new
        {
            Type = EnumText.From(source.Type),
            source.Target,
            LocalTimeline = source.Local ? 1 : 0,
        }, cancellationToken: ct));
        return row.ToSource();
    }

    public async Task<IReadOnlyList<Source>> ListAsync(CancellationToken ct = default)
    {
        await using var connection = await db.OpenAsync(ct);

        const string sql = SelectColumns + " ORDER BY id";
        var rows = await connection.QueryAsync<SourceRow>(new CommandDefinition(sql, cancellationToken: ct));
        return rows.Select(r => r.ToSource()).ToList();
    }

    public async Task<Source?> FindAsync(long id, CancellationToken ct = default)
    {
        await using var connection = await db.OpenAsync(ct);

        const string sql = SelectColumns + " WHERE id = @id";
        var row = await connection.QuerySingleOrDefaultAsync<SourceRow>(new CommandDefinition(sql, new { id }, cancellationToken: ct));
        return row?.ToSource();
    }

    /// <summary>For timelines, the federated one wins over the local one when both exist.</summary>
    public async Task<Source?> FindByTargetAsync(SourceType type, string target, CancellationToken ct = default)
    {
        await using var connection = await db.OpenAsync(ct);

        const string sql = SelectColumns + " WHERE type = @Type AND target = @target ORDER BY local_timeline, id LIMIT 1";
        var row = await connection.QuerySingleOrDefaultAsync<SourceRow>(
            new CommandDefinition(sql, new { Type = EnumText.From(type), target }, cancellationToken: ct));
        return row?.ToSource();
    }

    public async Task<Source?> FindByFollowActivityAsync(string followActivityUri, CancellationToken ct = default)
    {
        await using var connection = await db.OpenAsync(ct);

        const string sql = SelectColumns + " WHERE follow_activity_uri = @followActivityUri ORDER BY id LIMIT 1";
        var row = await connection.QuerySingleOrDefaultAsync<SourceRow>(
            new CommandDefinition(sql, new { followActivityUri }, cancellationToken: ct));
        return row?.ToSource();
    }

    public async Task<bool> DeleteAsync(long id, CancellationToken ct = default)
    {
        await using var connection = await db.OpenForWriteAsync(ct);

        const string sql = """
            DELETE FROM sources WHERE id = @id
            """;
        return await connection.ExecuteAsync(new CommandDefinition(sql, new { id }, cancellationToken: ct)) > 0;
    }

    public async Task UpdateStateAsync(long id, SourceState state, string? error, CancellationToken ct = default)
    {
        await using var connection = await db.OpenForWriteAsync(ct);
        await UpdateStateAsync(connection, null, id, state, error, UnixTime.ToMs(time.GetUtcNow()), ct);
    }

    /// <summary>Shared with the change writer, which runs it inside its own transaction.</summary>
    internal static async Task UpdateStateAsync(
        DbConnection connection, DbTransaction? tx, long id, SourceState state, string? error, long now, CancellationToken ct)
    {
        const string sql = """
            UPDATE sources SET state = @State, last_error = @error, updated_at = @now WHERE id = @id
            """;
        await connection.ExecuteAsync(new CommandDefinition(
            sql, new { id, State = EnumText.From(state), error, now }, tx, cancellationToken: ct));
    }

    public async Task SaveCursorAsync(long id, string? cursor, DateTimeOffset nextPollAt, string? error, CancellationToken ct = default)
    {
        await using var connection = await db.OpenForWriteAsync(ct);

        const string sql = """
            UPDATE sources
            SET poll_cursor = @cursor, next_poll_at = @NextPollAt, last_error = @error, updated_at = @Now
            WHERE id = @id
            """;
        await connection.ExecuteAsync(new CommandDefinition(sql, new
        {
            id,
            cursor,
            NextPollAt = UnixTime.ToMs(nextPollAt),
            error,
            Now = UnixTime.ToMs(time.GetUtcNow()),
        }, cancellationToken: ct));
    }

    /// <summary>Timelines not given up on (neither failed nor rejected) whose next poll time has come
    /// or was never set.</summary>
    public async Task<IReadOnlyList<Source>> ListDueTimelinesAsync(DateTimeOffset now, CancellationToken ct = default)
    {
        await using var connection = await db.OpenAsync(ct);

        const string sql = SelectColumns + """

            WHERE type = 'timeline'
              AND state NOT IN ('failed', 'rejected')
              AND (next_poll_at IS NULL OR next_poll_at <= @Now)
            ORDER BY next_poll_at, id
            """;
        var rows = await connection.QueryAsync<SourceRow>(
            new CommandDefinition(sql, new { Now = UnixTime.ToMs(now) }, cancellationToken: ct));
        return rows.Select(r => r.ToSource()).ToList();
    }

    private sealed class SourceRow
    {
        public long Id { get; init; }
        public string Type { get; init; } = "";
        public string Target { get; init; } = "";
        public long LocalTimeline { get; init; }
        public string State { get; init; } = "";
        public string? FollowActivityUri { get; init; }
        public string? LastError { get; init; }
        public string? PollCursor { get; init; }
        public long? NextPollAt { get; init; }
        public long CreatedAt { get; init; }
        public long UpdatedAt { get; init; }

        public Source ToSource() => new()
        {
            Id = Id,
            Type = EnumText.ToSourceType(Type),
            Target = Target,
            Local = LocalTimeline != 0,
            State = EnumText.ToSourceState(State),
            FollowActivityUri = FollowActivityUri,
            LastError = LastError,
            Cursor = PollCursor,
            NextPollAt = UnixTime.FromMs(NextPollAt),
            CreatedAt = UnixTime.FromMs(CreatedAt),
            UpdatedAt = UnixTime.FromMs(UpdatedAt),
        };
    }
}
