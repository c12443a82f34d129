using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Middleware.Core.Feeds;
using Middleware.Server.Tests.Infrastructure;
using Middleware.Tests.Shared.Postgres;

namespace Middleware.Server.Tests.Operations;

/// <summary>The PostgreSQL server goes away while the service runs and comes back: meanwhile whatever
/// needs the database answers 503 with Retry-After (the inbox too, so the sender retries and nothing
/// acknowledged is lost), <c>/readyz</c> says not ready and <c>/healthz</c> stays alive; afterwards
/// everything answers again and the workers resume without a restart. A server of the test's own is
/// stopped, never the run's shared one.</summary>
public sealed class DatabaseOutageTests : TwoAccountsFixture
{
    private OwnPostgresServer _postgres = null!;

    public override async Task InitializeAsync()
    {
        _postgres = await PostgresServer.StartOwnAsync();
        await base.InitializeAsync();
    }

    protected override void Configure(MiddlewareFactory service)
    {
        var database = _postgres.Server.CreateDatabaseAsync().GetAwaiter().GetResult();
        service.Settings["Middleware:Database"] = "postgres";
        service.Settings["ConnectionStrings:Default"] = _postgres.Server.ConnectionString(database);
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await _postgres.DisposeAsync();
    }

    [PostgresOnlyFact]
    public async Task Lost_database_answers_503_with_Retry_After_and_everything_recovers_without_a_restart()
    {
        await Service.Services.GetRequiredService<IFeedStore>().AddAsync(new Feed
        {
            Name = "news", DisplayName = "News", Description = "Everything", Ranker = "chronological", ParametersJson = "{}",
            Public = true, CreatedAt = DateTimeOffset.UtcNow, UpdatedAt = DateTimeOffset.UtcNow,
        });
        var before = Payloads.Load("create-note.json", Alice.Values(("status", "1")));
        Assert.Equal(HttpStatusCode.Accepted, (await PostAsync(Alice, "/inbox", before)).StatusCode);

        await _postgres.StopAsync();

        var during = Payloads.Load("create-note.json", Alice.Values(("status", "2")));
        await AssertUnavailableAsync(await PostAsync(Alice, "/inbox", during));
        await AssertUnavailableAsync(await Client.GetAsync("/api/v1/feeds/news/skeleton"));
        await AssertUnavailableAsync(await Admin.GetAsync("/api/admin/stats"));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await Client.GetAsync("/readyz")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Client.GetAsync("/healthz")).StatusCode);

        await _postgres.StartAgainAsync();

        // Connections the pool held died with the server; the first requests may still find one.
        await Eventually.TrueAsync(async () => (await Client.GetAsync("/readyz")).StatusCode == HttpStatusCode.OK, "ready again");
        Assert.Equal(HttpStatusCode.OK, (await Client.GetAsync("/api/v1/feeds/news/skeleton")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Admin.GetAsync("/api/admin/stats")).StatusCode);
        // The sender retries what was refused; the activity acknowledged before the outage was kept.
        Assert.Equal(HttpStatusCode.Accepted, (await PostAsync(Alice, "/inbox", during)).StatusCode);
        // An entry the worker held when the database went away (its try failed, and so did recording
        // that) is taken up again once this node's claim on it runs out: one lease, 30 s.
        await Eventually.GetAsync(() => GetPostAsync($"{Alice.Id}/statuses/1"), "the post acknowledged before the outage", 90_000);
        await Eventually.GetAsync(() => GetPostAsync($"{Alice.Id}/statuses/2"), "the post refused during the outage, sent again", 90_000);
        await DrainInboxAsync();
    }

    private static async Task AssertUnavailableAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(30), response.Headers.RetryAfter?.Delta);
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.EndsWith("#unavailable", problem.GetProperty("type").GetString());
        Assert.Contains("database cannot be reached", problem.GetProperty("detail").GetString());
    }
}
