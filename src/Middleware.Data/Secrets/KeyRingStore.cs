using System.Data.Common;
using Dapper;

namespace Middleware.Data.Secrets;

/// <summary>The Data Protection key ring as rows (ADR 0037): each element the framework writes (a key,
/// a revocation) is one row under its name, never changed afterwards. Shared by every node on the database.</summary>
public sealed class KeyRingStore(IDbConnectionFactory db, TimeProvider clock)
{
    // Any fixed number, distinct from the migrations' lock: the key of the advisory lock under which a
    // node decides whether the ring needs its first key.
    private const long CreationLockKey = 0x4d4944_4b455953; // "MID" "KEYS"

    /// <summary>Every stored element's XML, oldest first.</summary>
    public async Task<IReadOnlyList<string>> AllAsync(CancellationToken ct = default)
    {
        await using var connection = await db.OpenAsync(ct);

        const string sql = "SELECT xml FROM data_protection_keys ORDER BY created_at, name";
        return (await connection.QueryAsync<string>(new CommandDefinition(sql, cancellationToken: ct))).ToList();
    }

    /// <summary>Stores an element under its name; a name already stored keeps its first element (the
    /// framework names keys by a fresh GUID, so a clash is a retry of the same write).</summary>
    public async Task AddAsync(string name, string xml, CancellationToken ct = default)
    {
        await using var connection = await db.OpenForWriteAsync(ct);

        const string sql = """
            INSERT INTO data_protection_keys (name, xml, created_at) VALUES (@name, @xml, @at)
            ON CONFLICT (name) DO NOTHING
            """;
        await connection.ExecuteAsync(new CommandDefinition(sql, new { name, xml, at = UnixTime.ToMs(clock.GetUtcNow()) }, cancellationToken: ct));
    }

    /// <summary>One node at a time, across all nodes on a PostgreSQL database: held while a node looks
    /// for a usable key and creates one when there is none, so two nodes starting together make one key,
    /// not two. On SQLite (one node) there is nobody to wait for. Dispose to release.</summary>
    public async Task<IAsyncDisposable> CreationTurnAsync(CancellationToken ct = default)
    {
        if (db.Dialect != SqlDialect.PostgreSql)
            return new Turn(null);
        var connection = await db.OpenAsync(ct);
        try
        {
            const string sql = "SELECT pg_advisory_lock(@CreationLockKey)";
            await connection.ExecuteAsync(new CommandDefinition(sql, new { CreationLockKey }, cancellationToken: ct));
            return new Turn(connection);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    private sealed class Turn(DbConnection? connection) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            if (connection is null)
                return;
            // Closing the session would release the lock too, but a pooled connection stays open.
            try
            {
                const string sql = "SELECT pg_advisory_unlock(@CreationLockKey)";
                await connection.ExecuteAsync(sql, new { CreationLockKey });
            }
            finally
            {
                await connection.DisposeAsync();
            }
        }
    }
}
