namespace Middleware.Server.Tests.Infrastructure;

/// <summary>A test of the service on PostgreSQL that has no SQLite counterpart (a database server that
/// goes away and comes back; SQLite is a file inside the process): runs only when the run puts the
/// service on PostgreSQL (<c>MIDDLEWARE_TEST_DATABASE=postgres</c>).</summary>
public sealed class PostgresOnlyFactAttribute : FactAttribute
{
    public PostgresOnlyFactAttribute()
    {
        if (!TestPostgresDatabase.Selected)
            Skip = "Needs a PostgreSQL server to stop and start; this run is on SQLite.";
    }
}
