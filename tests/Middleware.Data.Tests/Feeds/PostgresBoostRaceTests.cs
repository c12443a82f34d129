using Middleware.Core.Delivery;
using Middleware.Data.Delivery;
using Middleware.Data.Feeds;
using static Middleware.Data.Tests.Feeds.FeedBoostTurnTests;

namespace Middleware.Data.Tests.Feeds;

/// <summary>Boosters of several nodes racing for the same feed's turn on PostgreSQL, where writers really
/// run concurrently (on SQLite the writer's turn already puts them in a row): each interval has one
/// winner, whatever post each racer chose, and only the winner's deliveries are queued.</summary>
public sealed class PostgresBoostRaceTests : IAsyncLifetime
{
    private PostgresConnectionFactory _db = null!;
    private string _database = "";

    public async Task InitializeAsync() => (_db, _database) = await TestPostgres.CreateMigratedAsync();

    public async Task DisposeAsync()
    {
        await _db.DisposeAsync();
        await TestPostgres.DropAsync(_database);
    }

    [Fact]
    public async Task Racing_boosters_of_different_posts_send_exactly_one_boost_per_interval()
    {
        const int racers = 6;
        const int intervals = 10;
        var start = DateTimeOffset.Parse("2026-12-06T10:00:00Z");
        var interval = TimeSpan.FromMinutes(10);
        var winners = new List<int>();

        for (var round = 0; round < intervals; round++)
        {
            var at = start + round * interval;
            using var go = new ManualResetEventSlim();
            var races = Enumerable.Range(0, racers).Select(racer => Task.Run(async () =>
            {
                var boost = Boost($"{round}-{racer}", at);
                go.Wait();
                return await new FeedBoostStore(_db).BoostAsync(boost, interval, To(boost, "https://b.example/inbox", "https://c.example/inbox"));
            })).ToList();
            go.Set();
            winners.Add((await Task.WhenAll(races)).Count(won => won));
        }

        Assert.All(winners, count => Assert.Equal(1, count));
        Assert.Equal(intervals, (await new FeedBoostStore(_db).BoostedPostsAsync("buurt")).Count);
        var queued = await new DeliveryQueue(_db, TimeProvider.System, new Middleware.Core.Cluster.NodeIdentity("race-test")).CountAsync();
        Assert.Equal(new DeliveryCounts(intervals * 2, 0, 0), queued);
    }
}
