using Dapper;
using Middleware.Data.Migrations;

namespace Middleware.Data.Tests.Migrations;

/// <summary>The runner on PostgreSQL: each script once, whoever starts first (several nodes may start
/// together on one database), and the journal read back through PostgreSQL's catalogue.</summary>
public sealed class PostgresMigrationTests : IAsyncLifetime
{
    private PostgresConnectionFactory _db = null!;
    private string _database = "";

    public async Task InitializeAsync() => (_db, _database) = await TestPostgres.CreateEmptyAsync();

    public async Task DisposeAsync()
    {
        await _db.DisposeAsync();
        await TestPostgres.DropAsync(_database);
    }

    [Fact]
    public async Task An_empty_database_has_every_script_pending_and_none_after_migrating()
    {
        var scripts = MigrationRunner.Scripts(SqlDialect.PostgreSql).Select(s => s.Name).ToList();
        var runner = new MigrationRunner(_db, TimeProvider.System);

        Assert.Equal(scripts, await runner.PendingAsync());
        Assert.Equal(scripts, await runner.ApplyAsync());
        Assert.Empty(await runner.PendingAsync());
        Assert.Empty(await runner.ApplyAsync());
    }

    [Fact]
    public async Task Nodes_starting_together_apply_each_script_exactly_once()
    {
        var runners = Enumerable.Range(0, 3).Select(_ => new MigrationRunner(_db, TimeProvider.System)).ToList();

        var applied = await Task.WhenAll(runners.Select(r => Task.Run(() => r.ApplyAsync())));

        var scripts = MigrationRunner.Scripts(SqlDialect.PostgreSql).Select(s => s.Name).Order(StringComparer.Ordinal);
        Assert.Equal(scripts, applied.SelectMany(a => a).Order(StringComparer.Ordinal));
        await using var connection = await _db.OpenAsync();
        Assert.Equal(scripts.Count(), await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM schema_migrations"));
    }
}
