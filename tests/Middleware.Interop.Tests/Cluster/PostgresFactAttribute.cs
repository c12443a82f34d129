using Middleware.Tests.Shared.Postgres;

namespace Middleware.Interop.Tests.Cluster;

/// <summary>A test that needs Debian's PostgreSQL (installed by tests/setup.sh); skipped, saying why, without it.</summary>
public sealed class PostgresFactAttribute : FactAttribute
{
    public PostgresFactAttribute()
    {
        Skip = PostgresServer.Unavailable;
    }
}
