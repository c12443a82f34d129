using Dapper;

namespace Middleware.Data.Cluster;

/// <summary>Ranked windows kept in the database for the other nodes (ADR 0037): a window ranked on one
/// node is found by a cursor that lands on another. Only on PostgreSQL (<see cref="Shared"/>): on SQLite
/// there is one node, and its memory is enough.</summary>
public sealed class SharedWindowStore(IDbConnectionFactory db, TimeProvider clock)
{
    private static readonly TimeSpan PurgeEvery = TimeSpan.FromMinutes(1);
    private long nextPurge;

    /// <summary>Whether windows are shared at all (the database may have several nodes).</summary>
    public bool Shared => db.Dialect == SqlDialect.PostgreSql;

    /// <summary>Stores (or replaces) the window <paramref name="kind"/>/<paramref name="id"/>; expired
    /// windows are removed now and then on the way.</summary>
    public async Task PutAsync(string kind, string id, string owner, string payload, DateTimeOffset expiresAt, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        await using var connection = await db.OpenForWriteAsync(ct);

        const string upsert = """
            INSERT INTO ranked_windows (kind, id, owner, payload, expires_at) VALUES (@kind, @id, @owner, @payload, @expires)
            ON CONFLICT (kind, id) DO UPDATE SET owner = excluded.owner, payload = excluded.payload, expires_at = excluded.expires_at
            """;
        await connection.ExecuteAsync(new CommandDefinition(upsert,
            new { kind, id, owner, payload, expires = UnixTime.ToMs(expiresAt) }, cancellationToken: ct));

        var due = Interlocked.Read(ref nextPurge);
        if (now.ToUnixTimeMilliseconds() < due || Interlocked.CompareExchange(ref nextPurge, UnixTime.ToMs(now + PurgeEvery), due) != due)
            return;
        const string purge = "DELETE FROM ranked_windows WHERE expires_at <= @now";
        await connection.ExecuteAsync(new CommandDefinition(purge, new { now = UnixTime.ToMs(now) }, cancellationToken: ct));
    }

    /// <summary>Stores the value unless one is stored under <paramref name="kind"/>/<paramref name="id"/>;
    /// returns the stored one, so nodes racing to create it all end up with the first.</summary>
    public async Task<string> AddIfAbsentAsync(string kind, string id, string payload, DateTimeOffset expiresAt, CancellationToken ct = default)
    {
        await using var connection = await db.OpenForWriteAsync(ct);

        const string insert = """
            INSERT INTO ranked_windows (kind, id, owner, payload, expires_at) VALUES (@kind, @id, '', @payload, @expires)
            ON CONFLICT (kind, id) DO NOTHING
            """;
        await connection.ExecuteAsync(new CommandDefinition(insert, new { kind, id, payload, expires = UnixTime.ToMs(expiresAt) }, cancellationToken: ct));
        const string select = "SELECT payload FROM ranked_windows WHERE kind = @kind AND id = @id";
        return await connection.QuerySingleAsync<string>(new CommandDefinition(select, new { kind, id }, cancellationToken: ct));
    }

    /// <summary>The payload of the owner's unexpired window, or null (none, expired, or another's).</summary>
    public async Task<string?> FindAsync(string kind, string id, string owner, CancellationToken ct = default)
    {
        await using var connection = await db.OpenAsync(ct);

        const string sql = """
            SELECT payload FROM ranked_windows WHERE kind = @kind AND id = @id AND owner = @owner AND expires_at > @now
            """;
        return await connection.QuerySingleOrDefaultAsync<string>(new CommandDefinition(sql,
            new { kind, id, owner, now = UnixTime.ToMs(clock.GetUtcNow()) }, cancellationToken: ct));
    }
}
