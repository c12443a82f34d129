using Dapper;
using Middleware.Data.Migrations;

namespace Middleware.Data.Tests.Migrations;

public sealed class MigrationRunnerTests : TestDatabase
{
    [Fact]
    public void Scripts_are_embedded_in_name_order()
    {
        var scripts = MigrationRunner.Scripts();

        Assert.NotEmpty(scripts);
        Assert.Equal("0001_initial.sql", scripts[0].Name);
        Assert.Equal(scripts.Select(s => s.Name).Order(StringComparer.Ordinal), scripts.Select(s => s.Name));
    }

    [Fact]
    public async Task Running_again_applies_nothing_and_keeps_the_journal()
    {
        var secondRun = await new MigrationRunner(Db, Clock).ApplyAsync();

        Assert.Empty(secondRun);
        await using var connection = await Db.OpenAsync();
        var journal = (await connection.QueryAsync<string>("SELECT name FROM schema_migrations ORDER BY name")).ToList();
        Assert.Equal(MigrationRunner.Scripts().Select(s => s.Name), journal);
    }

    [Fact]
    public async Task First_run_on_an_empty_database_applies_every_script()
    {
        var other = new SqliteConnectionFactory($"Data Source=file:migrations{Guid.NewGuid():N}?mode=memory&cache=shared");
        await using var keepAlive = await other.OpenAsync();

        var applied = await new MigrationRunner(other, Clock).ApplyAsync();
        var again = await new MigrationRunner(other, Clock).ApplyAsync();

        Assert.Equal(MigrationRunner.Scripts().Select(s => s.Name), applied);
        Assert.Empty(again);
        var appliedAt = await keepAlive.ExecuteScalarAsync<long>("SELECT MIN(applied_at) FROM schema_migrations");
        Assert.Equal(Clock.Now.ToUnixTimeMilliseconds(), appliedAt);
    }

    [SqliteOnlyFact]
    public async Task Connections_are_tuned_for_concurrent_writes()
    {
        await using var connection = await SqliteDb.OpenAsync();

        Assert.Equal("wal", await connection.ExecuteScalarAsync<string>("PRAGMA journal_mode"));
        Assert.Equal(1L, await connection.ExecuteScalarAsync<long>("PRAGMA synchronous"));
        Assert.Equal(5000L, await connection.ExecuteScalarAsync<long>("PRAGMA busy_timeout"));
        Assert.Equal(1L, await connection.ExecuteScalarAsync<long>("PRAGMA foreign_keys"));
    }

    [Fact]
    public void Factory_creates_the_database_directory()
    {
        var directory = Path.Combine(Path.GetTempPath(), "middleware-data-tests", Guid.NewGuid().ToString("N"), "nested");

        _ = new SqliteConnectionFactory($"Data Source={Path.Combine(directory, "x.db")}");

        Assert.True(Directory.Exists(directory));
        Directory.Delete(Path.GetDirectoryName(directory)!, recursive: true);
    }
}
