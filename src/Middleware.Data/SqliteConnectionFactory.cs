using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;

namespace Middleware.Data;

/// <summary>Pooled SQLite connections, each tuned for a write-heavy single-file store.</summary>
public sealed class SqliteConnectionFactory : IDbConnectionFactory
{
    public const string DefaultConnectionString = "Data Source=data/middleware.db";

    // WAL lets the inbox endpoint append while the worker writes; NORMAL is durable across
    // process crashes in WAL mode (only an OS crash can lose the last commits). Checkpoints run
    // in the background (WalCheckpointer): one run by a committing writer holds every other
    // writer (and the inbox's 202s) for its write-back; the high auto-checkpoint threshold is
    // only a safety net should the background stop.
    private const string Tuning = """
        PRAGMA busy_timeout = 5000;
        PRAGMA journal_mode = WAL;
        PRAGMA synchronous = NORMAL;
        PRAGMA foreign_keys = ON;
        PRAGMA wal_autocheckpoint = 10000;
        """;

    // Pooled connections keep their native handle, and with it these settings: tune each handle
    // once rather than paying for four statements on every open.
    private static readonly ConditionalWeakTable<object, object> Tuned = new();

    private readonly string _connectionString;
    private readonly WriterGate _writer = new();

    public SqliteConnectionFactory(string? connectionString = null)
    {
        var builder = new SqliteConnectionStringBuilder(
            string.IsNullOrWhiteSpace(connectionString) ? DefaultConnectionString : connectionString)
        {
            Pooling = true,
        };
        EnsureDirectory(builder);
        _connectionString = builder.ToString();
    }

    public SqlDialect Dialect => SqlDialect.Sqlite;

    public string ConnectionString => _connectionString;

    /// <summary>How many writers wait for their turn (for tests).</summary>
    internal int WritersWaiting => _writer.Waiting;

    public async Task<DbConnection> OpenAsync(CancellationToken ct = default)
    {
        var connection = new SqliteConnection(_connectionString);
        try
        {
            await connection.OpenAsync(ct);
            object handle = connection.Handle!;
            if (!Tuned.TryGetValue(handle, out _))
            {
                await using var command = connection.CreateCommand();
                command.CommandText = Tuning;
                await command.ExecuteNonQueryAsync(ct);
                Tuned.AddOrUpdate(handle, handle);
            }

            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    public async Task<IDisposable> EnterWriteAsync(CancellationToken ct = default)
    {
        await _writer.EnterAsync(WritePriority.Background, ct);
        return new WriterTurn(_writer);
    }

    public async Task<DbConnection> OpenForWriteAsync(CancellationToken ct = default) =>
        await OpenForWriteAsync(WritePriority.Background, ct);

    public async Task<DbConnection> OpenForWriteAsync(WritePriority priority, CancellationToken ct = default)
    {
        await _writer.EnterAsync(priority, ct);
        var turn = new WriterTurn(_writer);
        try
        {
            var connection = await OpenAsync(ct);
            connection.StateChange += (_, e) =>
            {
                if (e.CurrentState == System.Data.ConnectionState.Closed)
                    turn.Dispose();
            };
            return connection;
        }
        catch
        {
            turn.Dispose();
            throw;
        }
    }

    /// <summary>Releases the writer's turn exactly once, however often it is disposed.</summary>
    private sealed class WriterTurn(WriterGate writer) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
                writer.Release();
        }
    }

    private static void EnsureDirectory(SqliteConnectionStringBuilder builder)
    {
        var source = builder.DataSource;
        var inMemory = builder.Mode == SqliteOpenMode.Memory
            || string.IsNullOrEmpty(source)
            || source == ":memory:"
            || source.StartsWith("file:", StringComparison.OrdinalIgnoreCase);
        if (inMemory)
        {
            return;
        }

        var file = Path.GetFullPath(source);
        var directory = Path.GetDirectoryName(file);
        if (!string.IsNullOrEmpty(directory))
        {
            PrivateFiles.CreateFolder(directory);
        }

        // The database holds actors' private keys: create it 0600 before SQLite does (with 0644).
        if (builder.Mode is SqliteOpenMode.ReadWriteCreate)
        {
            PrivateFiles.EnsureFile(file);
        }
    }
}
