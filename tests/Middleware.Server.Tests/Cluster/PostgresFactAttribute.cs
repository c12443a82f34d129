using Middleware.Tests.Shared.Postgres;

namespace Middleware.Server.Tests.Cluster;

/// <summary>A test that needs a real PostgreSQL (several nodes on one database), whichever backend the
/// run is on; skipped where PostgreSQL's programs are not installed.</summary>
public sealed class PostgresFactAttribute : FactAttribute
{
    public PostgresFactAttribute()
    {
        if (PostgresServer.Unavailable is { } reason)
            Skip = reason;
    }
}
