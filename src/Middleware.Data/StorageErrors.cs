using Microsoft.Data.Sqlite;
using Npgsql;

namespace Middleware.Data;

/// <summary>Tells a store that ran out of room (a full disk, or SQLite's page limit) from other
/// failures: callers answer "try again later" for it, since nothing was written and nothing already
/// stored is harmed (SQLite and PostgreSQL roll the transaction back).</summary>
public static class StorageErrors
{
    private const int SqliteFull = 13;
    private const string PostgresDiskFull = "53100"; // SQLSTATE disk_full
    private const int UnixNoSpace = 28;        // ENOSPC
    private const int WindowsDiskFull = 0x70;  // ERROR_DISK_FULL
    private const int WindowsHandleDiskFull = 0x27;

    /// <summary>True when <paramref name="error"/> (or an exception inside it) says the storage is full.</summary>
    public static bool IsFull(Exception error)
    {
        for (var e = error; e is not null; e = e.InnerException)
        {
            if (e is SqliteException { SqliteErrorCode: SqliteFull } or PostgresException { SqlState: PostgresDiskFull })
                return true;
            if (e is IOException io && ((io.HResult & 0xFFFF) is WindowsDiskFull or WindowsHandleDiskFull || io.HResult == UnixNoSpace))
                return true;
            if (e is AggregateException aggregate && aggregate.InnerExceptions.Any(IsFull))
                return true;
        }
        return false;
    }
}
