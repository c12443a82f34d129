using System.Data.Common;

namespace Middleware.Data;

/// <summary>Opens one ready-to-use connection per operation. Stores only see <see cref="DbConnection"/>
/// and portable SQL, so a PostgreSQL factory can stand in for SQLite later.</summary>
public interface IDbConnectionFactory
{
    /// <summary>Which SQL the connections speak. Stores keep to SQL both accept; only the migration
    /// scripts and a few catalogue queries differ (ADR 0032). No default: a factory wrapping another
    /// must pass its dialect on, or the wrong migrations would run.</summary>
    SqlDialect Dialect { get; }

    Task<DbConnection> OpenAsync(CancellationToken ct = default);

    /// <summary>A connection for a write transaction. SQLite has one writer at a time; the factory
    /// queues writers in-process instead of letting them collide in SQLite's busy handler, which
    /// sleeps (milliseconds at a time) between retries. The turn ends when the connection closes.</summary>
    Task<DbConnection> OpenForWriteAsync(CancellationToken ct = default);

    /// <summary>As <see cref="OpenForWriteAsync(CancellationToken)"/>; <see cref="WritePriority.Request"/>
    /// writers are let in before waiting background writers.</summary>
    Task<DbConnection> OpenForWriteAsync(WritePriority priority, CancellationToken ct = default);

    /// <summary>Takes the writer's turn for a connection kept open across calls; dispose to end it.</summary>
    Task<IDisposable> EnterWriteAsync(CancellationToken ct = default);
}

/// <summary>The databases the stores run on.</summary>
public enum SqlDialect
{
    Sqlite,
    PostgreSql,
}
