namespace Middleware.Data.Tests;

/// <summary>A test of PostgreSQL's own machinery (row locks between sessions): runs only when the run
/// puts the stores on PostgreSQL (<c>MIDDLEWARE_TEST_DATABASE=postgres</c>); SQLite has one writer at a
/// time and no row locks.</summary>
public sealed class PostgresOnlyFactAttribute : FactAttribute
{
    public PostgresOnlyFactAttribute()
    {
        if (!TestPostgres.Selected)
        {
            Skip = "Checks PostgreSQL's row locks; this run is on SQLite.";
        }
    }
}
