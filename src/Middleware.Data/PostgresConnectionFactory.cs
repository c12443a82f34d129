using System.Data.Common;
using Npgsql;

namespace Middleware.Data;

/// <summary>Pooled PostgreSQL connections (Npgsql). PostgreSQL runs writers concurrently under row locks
/// and MVCC, so there is no writer's turn to wait for: the write methods open an ordinary connection, and
/// consistency comes from each store's transaction, as it does across several nodes (ADR 0032).</summary>
public sealed class PostgresConnectionFactory : IDbConnectionFactory, IAsyncDisposable
{
    private static readonly IDisposable NoTurn = new NothingToRelease();

    private readonly NpgsqlDataSource _source;

    public PostgresConnectionFactory(string connectionString)
    {
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            throw new ArgumentException(
                "PostgreSQL needs a connection string (ConnectionStrings:Default).", nameof(connectionString));
        }

        _source = NpgsqlDataSource.Create(connectionString);
    }

    public SqlDialect Dialect => SqlDialect.PostgreSql;

    public string ConnectionString => _source.ConnectionString;

    /// <summary>Where the database is, for log lines: host, port and database, never the password.</summary>
    public string Target
    {
        get
        {
            var builder = new NpgsqlConnectionStringBuilder(_source.ConnectionString);
            return $"{builder.Host}:{builder.Port}/{builder.Database ?? builder.Username}";
        }
    }

    public async Task<DbConnection> OpenAsync(CancellationToken ct = default) =>
        await _source.OpenConnectionAsync(ct);

    public Task<DbConnection> OpenForWriteAsync(CancellationToken ct = default) => OpenAsync(ct);

    public Task<DbConnection> OpenForWriteAsync(WritePriority priority, CancellationToken ct = default) =>
        OpenAsync(ct);

    public Task<IDisposable> EnterWriteAsync(CancellationToken ct = default) => Task.FromResult(NoTurn);

    public ValueTask DisposeAsync() => _source.DisposeAsync();

    private sealed class NothingToRelease : IDisposable
    {
        public void Dispose()
        {
        }
    }
}
