using System.Data.Common;

namespace Middleware.Data;

/// <summary>Opens one ready-to-use connection per operation. Stores only see <see cref="DbConnection"/>
/// and portable SQL, so a PostgreSQL factory can stand in for SQLite later.</summary>
public interface IDbConnectionFactory
{
    Task<DbConnection> OpenAsync(CancellationToken ct = default);
}
