using System.Net;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Middleware.Core.Audit;
using Middleware.Core.Feeds;
using Middleware.Server.Tests.Infrastructure;

namespace Middleware.Server.Tests.Operations;

/// <summary>What a stopping service does: says it is not ready, refuses new inbox deliveries with a
/// 503 peers retry, and writes what the audit still had queued.</summary>
public sealed class ShutdownTests : TwoAccountsFixture
{
    [Fact]
    public async Task Once_stopping_begins_readyz_is_503_and_the_inbox_asks_peers_to_retry()
    {
        Assert.Equal(HttpStatusCode.OK, (await Client.GetAsync("/readyz")).StatusCode);

        // What SIGTERM does first. Held right there (before any service stops), so the test server still
        // answers, as Kestrel does for requests in flight.
        var lifetime = Service.Services.GetRequiredService<IHostApplicationLifetime>();
        using var reached = new ManualResetEventSlim();
        using var release = new ManualResetEventSlim();
        using var hold = lifetime.ApplicationStopping.Register(() =>
        {
            reached.Set();
            release.Wait(TimeSpan.FromSeconds(30));
        });
        var stopping = Task.Run(lifetime.StopApplication);
        Assert.True(reached.Wait(TimeSpan.FromSeconds(10)));
        try
        {
            await AssertStoppingAnswersAsync();
        }
        finally
        {
            release.Set();
        }
        await stopping;
    }

    private async Task AssertStoppingAnswersAsync()
    {
        var ready = await Client.GetAsync("/readyz");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        Assert.Contains("running\":\"Unhealthy: shutting down", await ready.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, (await Client.GetAsync("/healthz")).StatusCode);
        var json = Payloads.Load("create-note.json", Alice.Values(("status", "301")));
        var inbox = await PostAsync(Alice, "/inbox", json);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, inbox.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(30), inbox.Headers.RetryAfter?.Delta);
        var stats = await StatsAsync();
        Assert.Equal(0, stats.GetProperty("inboxPending").GetInt64() + stats.GetProperty("inboxDone").GetInt64());
    }

    [Fact]
    public async Task Stopping_the_host_writes_every_served_position_still_queued()
    {
        const int pages = 3_000;
        await Service.Services.GetRequiredService<IFeedStore>().AddAsync(new Feed
        {
            Name = "news", DisplayName = "News", Description = "News", Ranker = "chronological", ParametersJson = "{}",
            Public = true, CreatedAt = DateTimeOffset.UtcNow, UpdatedAt = DateTimeOffset.UtcNow,
        });
        var recorder = Service.Services.GetRequiredService<IServedPositionRecorder>();
        var post = new ServedPost("https://a.example/notes/1", "https://a.example/users/ann", "a.example", "nl", DateTimeOffset.UtcNow, 0);
        for (var i = 0; i < pages; i++)
            recorder.Record(new ServedPage("news", ServedSurface.Skeleton, DateTimeOffset.UtcNow, [new ServedPosition(0, post, post)]));

        var postgres = Service.Services.GetRequiredService<IConfiguration>().GetConnectionString("Default");
        await Service.Services.GetRequiredService<IHost>().StopAsync();

        // A fresh reader after the stop: the SQLite file, or the service's PostgreSQL database.
        await using System.Data.Common.DbConnection connection = TestPostgresDatabase.Selected
            ? new Npgsql.NpgsqlConnection(postgres)
            : new SqliteConnection($"Data Source={Path.Combine(Service.DataDirectory, "middleware.db")};Pooling=False");
        await connection.OpenAsync();
        await using var count = connection.CreateCommand();
        count.CommandText = "SELECT COUNT(*) FROM served_positions";
        Assert.Equal(pages, Convert.ToInt32(await count.ExecuteScalarAsync()));
    }
}
