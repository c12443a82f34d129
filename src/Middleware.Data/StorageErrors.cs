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

    /// <summary>True when <paramref name="error"/> (or an exception inside it) says the database server
    /// cannot be reached or went away: no connection opens (refused, timed out, pool exhausted waiting),
    /// an open one broke, or the server is shutting down or starting. Nothing of the failed work was
    /// committed, so "try again later" is the honest answer. SQLite, a file in the process, never says so.</summary>
    public static bool IsUnreachable(Exception error)
    {
        for (var e = error; e is not null; e = e.InnerException)
        {
            if (e is PostgresException postgres)
                return postgres.SqlState.StartsWith(ConnectionExceptionClass, StringComparison.Ordinal)
                    || postgres.SqlState is AdminShutdown or CrashShutdown or CannotConnectNow;
            // Npgsql's own errors (not the server's) are transient when the socket failed or timed out.
            if (e is NpgsqlException { IsTransient: true })
                return true;
            if (e is AggregateException aggregate && aggregate.InnerExceptions.Any(IsUnreachable))
                return true;
        }
        return false;
    }

    private const string ConnectionExceptionClass = "08";
    private const string AdminShutdown = "57P01";
    private const string CrashShutdown = "57P02";
    private const string CannotConnectNow = "57P03";
}
