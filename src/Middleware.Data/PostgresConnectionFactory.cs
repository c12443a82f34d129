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

        _source = NpgsqlDataSource.Create(WithDefaults(connectionString));
    }

    /// <summary>Statements run this many times on a pooled connection are prepared once and reused, unless
    /// the connection string says otherwise (Npgsql's own default is 0, off). The stores' SQL is a fixed
    /// set, so about 20 cover the hot paths; on the ingest benchmark this cut CPU per activity by about
    /// a quarter (ADR 0040).</summary>
    public const int DefaultMaxAutoPrepare = 20;

    /// <summary><paramref name="connectionString"/> with this service's defaults for settings it does not name.</summary>
    public static string WithDefaults(string connectionString)
    {
        var named = new DbConnectionStringBuilder { ConnectionString = connectionString };
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        if (!named.Keys.Cast<string>().Any(key => Normalized(key) == "maxautoprepare"))
        {
            builder.MaxAutoPrepare = DefaultMaxAutoPrepare;
        }

        return builder.ConnectionString;

        static string Normalized(string key) => key.Replace(" ", "", StringComparison.Ordinal).ToLowerInvariant();
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
