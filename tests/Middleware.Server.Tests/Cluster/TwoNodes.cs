using Middleware.Server.Tests.Infrastructure;
using Middleware.Tests.Shared.Postgres;

namespace Middleware.Server.Tests.Cluster;

/// <summary>Two in-process nodes of the service (two <see cref="MiddlewareFactory"/> instances, each with
/// its own data folder) on ONE PostgreSQL database, as two replicas behind a load balancer.</summary>
public sealed class TwoNodes : IAsyncDisposable
{
    private readonly string _database;

    private TwoNodes(string database, MiddlewareFactory a, MiddlewareFactory b)
    {
        _database = database;
        A = a;
        B = b;
    }

    public MiddlewareFactory A { get; }
    public MiddlewareFactory B { get; }

    /// <summary>Creates the database and starts both nodes at the same moment (both migrate, both set up
    /// their keys and the instance actor concurrently). <paramref name="configure"/> runs on each node first.</summary>
    public static async Task<TwoNodes> StartAsync(Action<MiddlewareFactory>? configure = null)
    {
        var server = await PostgresServer.StartedAsync();
        var database = await server.CreateDatabaseAsync();
        var nodes = new TwoNodes(database, Node(server.ConnectionString(database), configure), Node(server.ConnectionString(database), configure));
        using var start = new Barrier(2);
        await Task.WhenAll(
            Task.Run(() => { start.SignalAndWait(); _ = nodes.A.Services; }),
            Task.Run(() => { start.SignalAndWait(); _ = nodes.B.Services; }));
        return nodes;
    }

    private static MiddlewareFactory Node(string connectionString, Action<MiddlewareFactory>? configure)
    {
        var node = new MiddlewareFactory();
        configure?.Invoke(node);
        node.Settings["Middleware:Database"] = "postgres";
        node.Settings["ConnectionStrings:Default"] = connectionString;
        return node;
    }

    public async ValueTask DisposeAsync()
    {
        await A.DisposeAsync();
        await B.DisposeAsync();
        await (await PostgresServer.StartedAsync()).DropDatabaseAsync(_database);
    }
}
