namespace Middleware.Data.Tests;

/// <summary>A test of SQLite's own machinery (the writer's turn, pragmas, its query plans): skipped when
/// the run puts the stores on PostgreSQL, where none of it exists.</summary>
public sealed class SqliteOnlyFactAttribute : FactAttribute
{
    public SqliteOnlyFactAttribute()
    {
        if (TestPostgres.Selected)
        {
            Skip = "Checks SQLite's own behaviour; this run is on PostgreSQL.";
        }
    }
}
