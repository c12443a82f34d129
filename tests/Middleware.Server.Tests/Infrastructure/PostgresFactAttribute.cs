using Middleware.Tests.Shared.Postgres;

namespace Middleware.Server.Tests.Infrastructure;

/// <summary>A test that needs a real PostgreSQL whatever database the run chose (several nodes on one
/// database): skipped where PostgreSQL is not installed.</summary>
public sealed class PostgresFactAttribute : FactAttribute
{
    public PostgresFactAttribute()
    {
        if (PostgresServer.Unavailable is { } reason)
            Skip = reason;
    }
}
