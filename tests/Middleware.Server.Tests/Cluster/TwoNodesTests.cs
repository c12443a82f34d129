using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Middleware.Core.Cluster;
using Middleware.Server.Tests.Infrastructure;
using Middleware.Tests.Shared.Postgres;
using Xunit.Abstractions;

namespace Middleware.Server.Tests.Cluster;

/// <summary>Two service nodes in one process on one PostgreSQL database, a flood of signed activities
/// split between them: each is applied exactly once (ADR 0035).</summary>
public sealed class TwoNodesTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const int Accounts = 8;
    private const int PostsPerAccount = 12;

    private PostgresServer _server = null!;
    private string _database = null!;
    private RemoteServer _remote = null!;
    private MiddlewareFactory _a = null!;
    private MiddlewareFactory _b = null!;

    public async Task InitializeAsync()
    {
        if (PostgresServer.Unavailable is not null)
            return;
        _server = await PostgresServer.StartedAsync();
        _database = await _server.CreateDatabaseAsync();
        _remote = await RemoteServer.StartAsync();
        _a = new MiddlewareFactory { SharedPostgres = _server.ConnectionString(_database) };
        _b = new MiddlewareFactory { SharedPostgres = _server.ConnectionString(_database) };
    }

    public async Task DisposeAsync()
    {
        if (PostgresServer.Unavailable is not null)
            return;
        await _a.DisposeAsync();
        await _b.DisposeAsync();
        await _remote.DisposeAsync();
        await _server.DropDatabaseAsync(_database);
    }

    [PostgresFact]
    public async Task A_flood_split_between_two_nodes_is_applied_exactly_once()
    {
        // Node A migrates first; B finds the schema ready.
        using var clientA = _a.CreateClient();
        using var clientB = _b.CreateClient();
        var accounts = Enumerable.Range(0, Accounts).Select(i => RemoteAccount.Create(_remote, $"user{i}")).ToList();
        var creates = accounts.SelectMany(account => Enumerable.Range(0, PostsPerAccount).Select(n =>
            (account, Json: Payloads.Load("create-note.json", account.Values(("status", $"{account.Name}-{n}")))))).ToList();
        // Each account likes every post of the next one: interactions whose posts are stored first.
        var likes = accounts.SelectMany((account, i) => Enumerable.Range(0, PostsPerAccount).Select(n =>
        {
            var author = accounts[(i + 1) % Accounts];
            return (account, Json: Payloads.Load("like.json", account.Values(
                ("like", $"{n}"), ("object", $"{author.Id}/statuses/{author.Name}-{n}"))));
        })).ToList();

        await FloodAsync(creates, clientA, clientB);
        await DrainAsync();
        await FloodAsync(likes, clientA, clientB);
        await DrainAsync();

        var stats = await StatsAsync(_b);
        Assert.Equal(Accounts * PostsPerAccount, stats.GetProperty("posts").GetInt64());
        Assert.Equal(Accounts * PostsPerAccount, stats.GetProperty("interactions").GetInt64());
        Assert.Equal(creates.Count + likes.Count, stats.GetProperty("inboxDone").GetInt64());
        // Every entry was closed under a claim of one of the two nodes.
        var nodes = new[] { _a, _b }.Select(f => f.Services.GetRequiredService<NodeIdentity>().Id).ToHashSet();
        await using var connection = await _a.OpenDatabaseAsync();
        var closers = (await connection.QueryAsync<string?>("SELECT claimed_by FROM inbox")).ToList();
        Assert.Equal(creates.Count + likes.Count, closers.Count);
        Assert.All(closers, c => Assert.Contains(c!, nodes));
        foreach (var (node, count) in closers.CountBy(c => c!))
            output.WriteLine($"{node} closed {count} entries");
        Assert.DoesNotContain(_a.Logs.Entries.Concat(_b.Logs.Entries), e => e.Message.Contains("was lost", StringComparison.Ordinal));
        accounts.ForEach(account => account.Dispose());
    }

    /// <summary>Posts every activity, alternating between the nodes, several at a time; each is accepted.</summary>
    private static async Task FloodAsync(List<(RemoteAccount Account, string Json)> activities, HttpClient a, HttpClient b)
    {
        await Parallel.ForEachAsync(activities.Select((activity, i) => (activity, i)), new ParallelOptions { MaxDegreeOfParallelism = 8 },
            async (item, ct) =>
            {
                var client = item.i % 2 == 0 ? a : b;
                var response = await client.SendAsync(item.activity.Account.SignedPost("/inbox", item.activity.Json), ct);
                Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
            });
    }

    private Task DrainAsync() =>
        Eventually.TrueAsync(async () => (await StatsAsync(_a)).GetProperty("inboxPending").GetInt64() == 0, "both nodes to drain the inbox");

    private static async Task<JsonElement> StatsAsync(MiddlewareFactory node)
    {
        using var admin = node.CreateAdminClient();
        return await admin.GetFromJsonAsync<JsonElement>("/api/admin/stats");
    }
}
