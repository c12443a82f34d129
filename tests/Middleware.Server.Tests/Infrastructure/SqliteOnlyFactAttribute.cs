namespace Middleware.Server.Tests.Infrastructure;

/// <summary>A test of SQLite's own machinery (e.g. its page limit standing in for a full disk): skipped
/// when the run puts the service on PostgreSQL.</summary>
public sealed class SqliteOnlyFactAttribute : FactAttribute
{
    public SqliteOnlyFactAttribute()
    {
        if (TestPostgresDatabase.Selected)
        {
            Skip = "Checks SQLite's own behaviour; this run is on PostgreSQL.";
        }
    }
}
