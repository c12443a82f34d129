using System.Security.Cryptography;
using Middleware.Interop.Tests.Peer;
using Middleware.Interop.Tests.Service;
using Middleware.Tests.Shared.Postgres;

namespace Middleware.Interop.Tests.Cluster;

/// <summary>A deployment of two nodes: two service processes on one fresh PostgreSQL database, behind
/// one <see cref="FrontDoor"/> that is their public origin, and a Fedify peer that talks to that origin.
/// Disposing stops everything and drops the database.</summary>
public sealed class ClusterNetwork : IAsyncDisposable
{
    private readonly PostgresServer _postgres;
    private readonly string _database;

    private ClusterNetwork(PostgresServer postgres, string database, FrontDoor door, MiddlewareProcess a, MiddlewareProcess b, FedifyPeer peer)
    {
        _postgres = postgres;
        _database = database;
        Door = door;
        A = a;
        B = b;
        Peer = peer;
    }

    public FrontDoor Door { get; }

    /// <summary>The node started first (and so the first leader).</summary>
    public MiddlewareProcess A { get; }

    public MiddlewareProcess B { get; }

    public FedifyPeer Peer { get; }

    public string Logs => $"Node A log:\n{A.Log}\nNode B log:\n{B.Log}\nPeer log:\n{Peer.Log}";

    public static async Task<ClusterNetwork> StartAsync()
    {
        var postgres = await PostgresServer.StartedAsync();
        var database = await postgres.CreateDatabaseAsync();
        var door = await FrontDoor.StartAsync();
        var token = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        MiddlewareNodeOptions Node(string id) => new(door.Url, token, new Dictionary<string, string>
        {
            ["Middleware__Database"] = "postgres",
            ["ConnectionStrings__Default"] = postgres.ConnectionString(database),
            ["Middleware__NodeId"] = id,
            // Each node's own count of inbox entries it processed, read by the tests.
            ["Middleware__Telemetry__Prometheus__Enabled"] = "true",
        });
        var peer = FedifyPeer.StartAsync();
        MiddlewareProcess? a = null, b = null;
        try
        {
            // A first, so that it migrates the database and leads; B joins a running deployment.
            a = await MiddlewareProcess.StartAsync(Node("a"));
            b = await MiddlewareProcess.StartAsync(Node("b"));
            return new ClusterNetwork(postgres, database, door, a, b, await peer);
        }
        catch
        {
            foreach (var node in new[] { a, b })
            {
                if (node is not null)
                    await node.DisposeAsync();
            }
            if (peer.IsCompletedSuccessfully)
                await peer.Result.DisposeAsync();
            await door.DisposeAsync();
            await postgres.DropDatabaseAsync(database);
            throw;
        }
    }

    /// <summary>How many inbox entries <paramref name="node"/> says it finished as done, from its
    /// Prometheus scrape (<c>middleware_inbox_processed…{outcome="done"}</c>).</summary>
    public static async Task<long> InboxDoneByAsync(MiddlewareProcess node)
    {
        var text = await node.Admin.GetStringAsync("/api/admin/metrics");
        return text.Split('\n')
            .Where(line => line.StartsWith("middleware_inbox_processed", StringComparison.Ordinal)
                && line.Contains("outcome=\"done\"", StringComparison.Ordinal))
            .Sum(line => (long)double.Parse(line[(line.LastIndexOf(' ') + 1)..], System.Globalization.CultureInfo.InvariantCulture));
    }

    public async ValueTask DisposeAsync()
    {
        await A.DisposeAsync();
        await B.DisposeAsync();
        await Peer.DisposeAsync();
        await Door.DisposeAsync();
        await _postgres.DropDatabaseAsync(_database);
    }
}
