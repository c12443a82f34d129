using Microsoft.Data.Sqlite;

namespace Middleware.Data;

/// <summary>Copies the write-ahead log into the database file outside the writers' path. SQLite
/// would otherwise do it inside whichever commit crosses the threshold, and that commit (with every
/// writer queued behind it) would wait for the fsync. PASSIVE never blocks writers or readers.</summary>
public sealed class WalCheckpointer(IDbConnectionFactory db)
{
    public async Task CheckpointAsync(CancellationToken ct = default)
    {
        if (db is not SqliteConnectionFactory)
            return;
        await using var connection = await db.OpenAsync(ct);
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA wal_checkpoint(PASSIVE);";
        try
        {
            await command.ExecuteNonQueryAsync(ct);
        }
        catch (SqliteException e) when (e.SqliteErrorCode == 5)
        {
            // SQLITE_BUSY: another checkpoint is running; the next tick will do.
        }
    }
}
