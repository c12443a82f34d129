using Middleware.Data.Migrations;
using Middleware.Tests.Shared.Postgres;

namespace Middleware.Data.Tests;

/// <summary>The run's PostgreSQL databases: one server (<see cref="PostgresServer"/>), one database
/// migrated once as a template, and a copy of it per test (CREATE DATABASE … TEMPLATE), which is far
/// cheaper than migrating each.</summary>
internal static class TestPostgres
{
    /// <summary>Whether this run puts the stores on PostgreSQL (<c>MIDDLEWARE_TEST_DATABASE=postgres</c>).</summary>
    public static bool Selected => PostgresServer.Selected;

    private static readonly Lazy<Task<string>> Template = new(MigrateTemplateAsync, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>A fresh database with every migration applied, and a factory for it.</summary>
    public static async Task<(PostgresConnectionFactory Db, string Database)> CreateMigratedAsync()
    {
        var template = await Template.Value;
        var server = await PostgresServer.StartedAsync();
        var database = await server.CreateDatabaseAsync(template);
        return (new PostgresConnectionFactory(server.ConnectionString(database)), database);
    }

    /// <summary>An empty database (no migrations), and a factory for it.</summary>
    public static async Task<(PostgresConnectionFactory Db, string Database)> CreateEmptyAsync()
    {
        var server = await PostgresServer.StartedAsync();
        var database = await server.CreateDatabaseAsync();
        return (new PostgresConnectionFactory(server.ConnectionString(database)), database);
    }

    public static async Task DropAsync(string database) =>
        await (await PostgresServer.StartedAsync()).DropDatabaseAsync(database);

    private static async Task<string> MigrateTemplateAsync()
    {
        var (db, database) = await CreateEmptyAsync();
        await using (db)
        {
            await new MigrationRunner(db, TimeProvider.System).ApplyAsync();
        }

        // A template must have no open connections when it is copied; the test connection strings
        // do not pool, so none is left once the factory is gone.
        return database;
    }
}
