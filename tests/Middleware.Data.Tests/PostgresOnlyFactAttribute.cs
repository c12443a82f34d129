namespace Middleware.Data.Tests;

/// <summary>A test of PostgreSQL's own machinery (row locks between sessions, what the server refuses,
/// batches as one implicit transaction): runs only when the run puts the stores on PostgreSQL
/// (<c>MIDDLEWARE_TEST_DATABASE=postgres</c>); SQLite has one writer at a time, no row locks, and
/// takes text PostgreSQL refuses.</summary>
public sealed class PostgresOnlyFactAttribute : FactAttribute
{
    public PostgresOnlyFactAttribute()
    {
        if (!TestPostgres.Selected)
        {
            Skip = "Checks PostgreSQL's own behaviour; this run is on SQLite.";
        }
    }
}
