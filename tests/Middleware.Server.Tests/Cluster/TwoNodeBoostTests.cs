using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Middleware.Core.Follows;
using Middleware.Core.Ingest;
using Middleware.Server.Feeds;
using Middleware.Server.Tests.Infrastructure;
using Middleware.Tests.Shared.Postgres;

namespace Middleware.Server.Tests.Cluster;

/// <summary>Two nodes on one PostgreSQL database whose boosters run the same tick at once (as when both
/// briefly think they lead): the feed still Announces once per interval (ADR 0036).</summary>
public sealed class TwoNodeBoostTests : IAsyncLifetime
{
    private const string Feed = "buurt";
    private const string Author = "https://a.example/users/ann";
    private static readonly TimeSpan Interval = TimeSpan.FromHours(1);

    private readonly FakeTimeProvider _clock = new(DateTimeOffset.UtcNow);
    private readonly List<MiddlewareFactory> _nodes = [];
    private string _database = "";
    private string _connectionString = "";

    public async Task InitializeAsync()
    {
        if (PostgresServer.Unavailable is not null)
            return; // the test is skipped
        var server = await PostgresServer.StartedAsync();
        _database = await server.CreateDatabaseAsync();
        _connectionString = server.ConnectionString(_database);
    }

    public async Task DisposeAsync()
    {
        foreach (var node in _nodes)
            await node.DisposeAsync();
        if (_database.Length > 0)
            await (await PostgresServer.StartedAsync()).DropDatabaseAsync(_database);
    }

    private MiddlewareFactory Node()
    {
        var node = new MiddlewareFactory().OnSharedPostgres(_connectionString);
        node.Settings["Middleware:Candidates:MaxAgeHours"] = (24 * 365).ToString();
        node.Settings["Middleware:Feeds:Tick"] = "01:00:00"; // the test runs the boosters itself
        node.TestServices = services => services.AddSingleton<TimeProvider>(_clock);
        _nodes.Add(node);
        node.CreateClient().Dispose(); // starts it
        return node;
    }

    /// <summary>A feed boosting once an hour, one follower, and three posts to boost, through node A.</summary>
    private async Task SeedAsync(MiddlewareFactory node)
    {
        using var admin = node.CreateAdminClient();
        var created = await admin.PostAsJsonAsync("/api/admin/feeds", new { name = Feed, ranker = "chronological", boostIntervalSeconds = (int)Interval.TotalSeconds, maxBoostsPerHour = 5 });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var follower = new Follower(Feed, "https://b.example/users/bob", "https://b.example/users/bob/inbox", "https://b.example/inbox",
            "https://b.example/follows/1", _clock.GetUtcNow());
        await node.Services.GetRequiredService<IChangeWriter>().ApplyAsync(
            [new AddFollower(follower), new RecordAuthorConsent(Author, Discoverable: true, Indexable: true)], null);
        var lines = Enumerable.Range(1, 3).Select(i => JsonSerializer.Serialize(new
        {
            type = "post", uri = $"https://a.example/notes/{i}", author = Author, text = $"post {i}",
            published = _clock.GetUtcNow().AddMinutes(-i).ToString("O"),
        })).ToArray();
        Assert.Equal(HttpStatusCode.OK, (await Ranking.ImportTests.ImportAsync(admin, lines)).StatusCode);
    }

    private async Task<(long Announces, long Boosts)> CountAsync()
    {
        await using var db = await _nodes[0].OpenDatabaseAsync();
        var announces = await db.ExecuteScalarAsync<long>(
            "SELECT COUNT(*) FROM deliveries WHERE sender_username = @Feed AND body LIKE '%\"Announce\"%'", new { Feed });
        var boosts = await db.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM feed_boosts WHERE feed = @Feed", new { Feed });
        return (announces, boosts);
    }

    [PostgresFact]
    public async Task Two_nodes_boosting_the_same_tick_send_one_Announce_per_interval()
    {
        var a = Node();
        await SeedAsync(a);
        var b = Node(); // started after the feed exists, so it reads it as node A stored it
        var boosters = new[] { a, b }.Select(n => n.Services.GetRequiredService<FeedBooster>()).ToList();

        for (var interval = 1; interval <= 2; interval++)
        {
            // Several ticks of both nodes at once within one interval.
            for (var tick = 0; tick < 3; tick++)
                await Task.WhenAll(boosters.Select(booster => Task.Run(() => booster.RunOnceAsync(default))));

            Assert.Equal((interval, interval), await CountAsync());
            _clock.Advance(Interval);
        }
    }
}
