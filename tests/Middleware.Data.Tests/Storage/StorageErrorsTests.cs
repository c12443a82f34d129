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
}
