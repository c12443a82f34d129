using Microsoft.Data.Sqlite;
using Middleware.Core.Cluster;
using Middleware.Data.Ingest;
using Middleware.Data.Migrations;

namespace Middleware.Data.Tests;

/// <summary>A fresh migrated database per test, dropped afterwards: a SQLite file, or, when
/// <c>MIDDLEWARE_TEST_DATABASE=postgres</c>, a copy of a migrated template on the run's throw-away
/// PostgreSQL server (<see cref="TestPostgres"/>). The same tests thus check both backends.</summary>
public abstract class TestDatabase : IAsyncLifetime
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "middleware-data-tests", Guid.NewGuid().ToString("N"));
    private string? _postgresDatabase;
    private IDbConnectionFactory? _db;

    protected TestDatabase()
    {
        ConnectionString = $"Data Source={Path.Combine(_directory, "test.db")}";
        if (!TestPostgres.Selected)
        {
            _db = new SqliteConnectionFactory(ConnectionString);
        }
    }

    /// <summary>The SQLite connection string (unused when the run is on PostgreSQL).</summary>
    protected string ConnectionString { get; }

    protected IDbConnectionFactory Db => _db ?? throw new InvalidOperationException("The database is made in InitializeAsync.");

    /// <summary>The SQLite factory, for tests of SQLite's own behaviour (the writer's turn, pragmas).</summary>
    protected SqliteConnectionFactory SqliteDb => Db as SqliteConnectionFactory
        ?? throw new InvalidOperationException("This test checks SQLite's own behaviour; it does not apply to PostgreSQL.");

    protected FixedClock Clock { get; } = new(DateTimeOffset.Parse("2025-06-01T12:00:00Z"));

    /// <summary>The node the test's stores claim work as.</summary>
    protected NodeIdentity Node { get; } = new("test-node");

    /// <summary>One writer per test, as in the service: it keeps its connections open.</summary>
    protected ChangeWriter Writer => _writer ??= new ChangeWriter(Db, Clock, Node);

    private ChangeWriter? _writer;

    public virtual async Task InitializeAsync()
    {
        if (TestPostgres.Selected)
        {
            (_db, _postgresDatabase) = await TestPostgres.CreateMigratedAsync();
            return;
        }

        await new MigrationRunner(Db, Clock).ApplyAsync();
    }

    public async Task DisposeAsync()
    {
        if (_writer is not null)
        {
            await _writer.DisposeAsync();
        }

        if (_postgresDatabase is not null)
        {
            await ((PostgresConnectionFactory)Db).DisposeAsync();
            await TestPostgres.DropAsync(_postgresDatabase);
            return;
        }

        SqliteConnection.ClearPool(new SqliteConnection(SqliteDb.ConnectionString));
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
