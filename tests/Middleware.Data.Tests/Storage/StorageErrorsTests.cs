using Microsoft.Data.Sqlite;
using Npgsql;

namespace Middleware.Data.Tests.Storage;

public sealed class StorageErrorsTests
{
    [Fact]
    public void A_full_database_or_disk_counts_as_full_wherever_it_is_wrapped()
    {
        Assert.True(StorageErrors.IsFull(new SqliteException("database or disk is full", 13)));
        Assert.True(StorageErrors.IsFull(new IOException("No space left on device", 28)));
        Assert.True(StorageErrors.IsFull(new InvalidOperationException("batch", new SqliteException("full", 13))));
        Assert.True(StorageErrors.IsFull(new AggregateException(new IOException("x"), new SqliteException("full", 13))));
        Assert.True(StorageErrors.IsFull(new InvalidOperationException("batch",
            new PostgresException("could not extend file", "ERROR", "ERROR", "53100"))));
    }

    [Fact]
    public void Other_failures_do_not()
    {
        Assert.False(StorageErrors.IsFull(new SqliteException("database is locked", 5)));
        Assert.False(StorageErrors.IsFull(new IOException("Broken pipe", 32)));
        Assert.False(StorageErrors.IsFull(new TimeoutException()));
        Assert.False(StorageErrors.IsFull(new PostgresException("deadlock detected", "ERROR", "ERROR", "40P01")));
    }

    [Fact]
    public void A_database_server_that_cannot_be_reached_or_went_away_counts_as_unreachable_wherever_it_is_wrapped()
    {
        Assert.True(StorageErrors.IsUnreachable(new NpgsqlException("Failed to connect",
            new System.Net.Sockets.SocketException((int)System.Net.Sockets.SocketError.ConnectionRefused))));
        Assert.True(StorageErrors.IsUnreachable(new NpgsqlException("Exception while reading from stream", new EndOfStreamException())));
        Assert.True(StorageErrors.IsUnreachable(new NpgsqlException("The connection pool has been exhausted", new TimeoutException())));
        Assert.True(StorageErrors.IsUnreachable(new PostgresException("terminating connection due to administrator command", "FATAL", "FATAL", "57P01")));
        Assert.True(StorageErrors.IsUnreachable(new PostgresException("the database system is starting up", "FATAL", "FATAL", "57P03")));
        Assert.True(StorageErrors.IsUnreachable(new PostgresException("connection failure", "FATAL", "FATAL", "08006")));
        Assert.True(StorageErrors.IsUnreachable(new InvalidOperationException("batch",
            new NpgsqlException("Failed to connect", new System.Net.Sockets.SocketException((int)System.Net.Sockets.SocketError.HostUnreachable)))));
    }

    [Fact]
    public void Failures_of_the_statement_or_of_SQLite_are_not_unreachable()
    {
        Assert.False(StorageErrors.IsUnreachable(new PostgresException("duplicate key", "ERROR", "ERROR", "23505")));
        Assert.False(StorageErrors.IsUnreachable(new PostgresException("deadlock detected", "ERROR", "ERROR", "40P01")));
        Assert.False(StorageErrors.IsUnreachable(new PostgresException("could not extend file", "ERROR", "ERROR", "53100")));
        Assert.False(StorageErrors.IsUnreachable(new NpgsqlException("Unknown message code")));
        Assert.False(StorageErrors.IsUnreachable(new SqliteException("database is locked", 5)));
        Assert.False(StorageErrors.IsUnreachable(new InvalidOperationException("no such feed")));
    }
}
