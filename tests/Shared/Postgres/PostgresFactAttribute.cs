namespace Middleware.Tests.Shared.Postgres;

/// <summary>A test that needs a real PostgreSQL server whatever the run's database (e.g. two nodes on
/// one database): skipped where none is installed.</summary>
public sealed class PostgresFactAttribute : FactAttribute
{
    public PostgresFactAttribute()
    {
        if (PostgresServer.Unavailable is { } why)
            Skip = why;
    }
}
