using Microsoft.Data.Sqlite;
using Middleware.Data.Ingest;
using Middleware.Data.Migrations;

namespace Middleware.Data.Tests;

/// <summary>A fresh migrated SQLite file per test, deleted afterwards.</summary>
public abstract class TestDatabase : IAsyncLifetime
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "middleware-data-tests", Guid.NewGuid().ToString("N"));

    protected TestDatabase()
    {
        ConnectionString = $"Data Source={Path.Combine(_directory, "test.db")}";
        Db = new SqliteConnectionFactory(ConnectionString);
    }

    protected string ConnectionString { get; }

    protected SqliteConnectionFactory Db { get; }

    protected FixedClock Clock { get; } = new(DateTimeOffset.Parse("2025-06-01T12:00:00Z"));

    /// <summary>One writer per test, as in the service: it keeps its connections open.</summary>
    protected ChangeWriter Writer => _writer ??= new ChangeWriter(Db, Clock);

    private ChangeWriter? _writer;

    public virtual async Task InitializeAsync() => await new MigrationRunner(Db, Clock).ApplyAsync();

    public async Task DisposeAsync()
    {
        if (_writer is not null)
        {
            await _writer.DisposeAsync();
        }

        SqliteConnection.ClearPool(new SqliteConnection(Db.ConnectionString));
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: a leftover temp file is not worth failing a test over.
        }
    }
}

public sealed class FixedClock(DateTimeOffset now) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = now;

    public override DateTimeOffset GetUtcNow() => Now;
}
