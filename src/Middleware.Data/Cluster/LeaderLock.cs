using Dapper;
using Npgsql;

namespace Middleware.Data.Cluster;

/// <summary>The leader's PostgreSQL session: a session advisory lock held on a connection of its own.
/// The connection is opened without pooling, so no other operation can ever be handed the session that
/// holds the lock, and closing it really ends the session (a pooled close would keep the session, and
/// the lock, alive in the pool). PostgreSQL drops the lock when the session ends, also when the node
/// dies; <c>idle_session_timeout</c> ends a session whose node stopped checking (hung, cut off), so the
/// lock does not outlive the node's ability to lead (ADR 0036).</summary>
public sealed class LeaderLock : IAsyncDisposable
{
    private readonly NpgsqlConnection _connection;

    private LeaderLock(NpgsqlConnection connection, int backendId)
    {
        _connection = connection;
        BackendId = backendId;
    }

    /// <summary>The PostgreSQL backend (process id) of the session holding the lock.</summary>
    public int BackendId { get; }

    /// <summary>Takes the lock on a new session; null when another session holds it. Throws when the
    /// database cannot be reached.</summary>
    public static async Task<LeaderLock?> TryTakeAsync(string connectionString, long key, TimeSpan sessionTimeout,
        TimeSpan commandTimeout, string applicationName, CancellationToken ct)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString)
        {
            Pooling = false,
            ApplicationName = applicationName.Length > 63 ? applicationName[..63] : applicationName,
            CommandTimeout = Math.Max(1, (int)Math.Ceiling(commandTimeout.TotalSeconds)),
            Timeout = Math.Max(1, (int)Math.Ceiling(commandTimeout.TotalSeconds)),
        };
        var connection = new NpgsqlConnection(builder.ToString());
        try
        {
            await connection.OpenAsync(ct);
            // Whole milliseconds, as a literal: SET takes no parameters.
            var timeout = $"SET idle_session_timeout = {(long)sessionTimeout.TotalMilliseconds}";
            await connection.ExecuteAsync(new CommandDefinition(timeout, cancellationToken: ct));
            const string take = "SELECT pg_try_advisory_lock(@key) AS taken, pg_backend_pid() AS backend";
            var (taken, backend) = await connection.QuerySingleAsync<(bool, int)>(new CommandDefinition(take, new { key }, cancellationToken: ct));
            if (taken)
                return new LeaderLock(connection, backend);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }

        await connection.DisposeAsync();
        return null;
    }

    /// <summary>Whether the session holding the lock is still there: a broken connection, a terminated
    /// session or a check that took too long all mean the lock may be someone else's now.</summary>
    public async Task<bool> IsHeldAsync(CancellationToken ct)
    {
        try
        {
            // Asks the server, not the connection object: only a round trip notices a session that was ended.
            const string held = "SELECT COUNT(*) FROM pg_locks WHERE locktype = 'advisory' AND pid = pg_backend_pid() AND granted";
            return await _connection.ExecuteScalarAsync<long>(new CommandDefinition(held, cancellationToken: ct)) > 0;
        }
        catch (Exception e) when (e is NpgsqlException or InvalidOperationException or TimeoutException)
        {
            return false;
        }
    }

    /// <summary>The application name of the session holding the lock (the leader's node id, as far as
    /// PostgreSQL's 63 characters allow), or null when no node leads.</summary>
    public static async Task<string?> FindHolderAsync(IDbConnectionFactory db, long key, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        // Advisory locks are per database, pg_locks lists the whole server's.
        // A bigint key shows in pg_locks as its high half (classid) and low half (objid), objsubid 1.
        const string holder = """
            SELECT a.application_name
            FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
            WHERE l.locktype = 'advisory' AND l.granted AND l.objsubid = 1
              AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())
              AND l.classid::bigint = @high AND l.objid::bigint = @low
            """;
        return await connection.QueryFirstOrDefaultAsync<string>(new CommandDefinition(holder,
            new { high = (key >> 32) & 0xffff_ffff, low = key & 0xffff_ffff }, cancellationToken: ct));
    }

    /// <summary>Ends the session, which releases the lock at once for the next leader.</summary>
    public ValueTask DisposeAsync() => _connection.DisposeAsync();
}
