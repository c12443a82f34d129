using Dapper;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Middleware.Core.Cluster;
using Middleware.Server.Cluster;
using Middleware.Server.Tests.Infrastructure;
using Middleware.Tests.Shared.Postgres;
using Npgsql;

namespace Middleware.Server.Tests.Cluster;

/// <summary>An empty PostgreSQL database for elections (an advisory lock needs no tables), the nodes'
/// elections on it, and a third connection that plays the database admin (or the network) ending a
/// leader's session.</summary>
public abstract class ElectionDatabase : IAsyncLifetime
{
    private readonly List<LeaderElection> _elections = [];
    private string _database = "";

    protected string ConnectionString { get; private set; } = "";

    protected CapturedLogs Logs { get; } = new();

    public async Task InitializeAsync()
    {
        if (PostgresServer.Unavailable is not null)
            return; // every test is skipped
        var server = await PostgresServer.StartedAsync();
        _database = await server.CreateDatabaseAsync();
        ConnectionString = server.ConnectionString(_database);
    }

    public async Task DisposeAsync()
    {
        foreach (var election in _elections)
        {
            await election.StopAsync(CancellationToken.None);
            election.Dispose();
        }

        if (_database.Length > 0)
            await (await PostgresServer.StartedAsync()).DropDatabaseAsync(_database);
    }

    /// <summary>A node's election; tests step it by hand, or start its loop.</summary>
    protected LeaderElection Election(string node, LeadershipOptions? options = null, string? connectionString = null)
    {
        using var factory = LoggerFactory.Create(logging => logging.AddProvider(Logs));
        var election = new LeaderElection(connectionString ?? ConnectionString, new NodeIdentity(node), Options.Create(options ?? new LeadershipOptions()),
            TimeProvider.System, factory.CreateLogger<LeaderElection>());
        _elections.Add(election);
        return election;
    }

    /// <summary>Ends the session holding the leader lock, as <c>pg_terminate_backend</c> from another
    /// connection does (and as PostgreSQL does itself when the leader's process dies); returns its
    /// application name (the leader's node id).</summary>
    protected async Task<string> TerminateLeaderSessionAsync()
    {
        await using var admin = new NpgsqlConnection(ConnectionString);
        await admin.OpenAsync();
        const string holder = """
            SELECT a.pid AS Pid, a.application_name AS Name
            FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
            WHERE l.locktype = 'advisory' AND l.granted
              AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())
            """;
        var (pid, name) = await admin.QuerySingleAsync<(int, string)>(holder);
        // Apart from the query above: in one query PostgreSQL may call the function for any row it reads.
        Assert.True(await admin.ExecuteScalarAsync<bool>("SELECT pg_terminate_backend(@pid)", new { pid }));
        return name;
    }

    protected static async Task<T> LeadsAsync<T>(T election, string what) where T : ILeadership
    {
        await Eventually.TrueAsync(() => Task.FromResult(election.IsLeading), what);
        return election;
    }
}
