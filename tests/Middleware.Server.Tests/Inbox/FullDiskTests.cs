using System.Data.Common;
using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Middleware.Data;
using Middleware.Server.Tests.Infrastructure;

namespace Middleware.Server.Tests.Inbox;

/// <summary>A full disk: the inbox answers 503 with Retry-After, stores nothing of that request, and
/// loses nothing it acknowledged before; once there is room the same activity is taken.</summary>
public sealed class FullDiskTests : TwoAccountsFixture
{
    private readonly FillableDisk disk = new();

    protected override void Configure(MiddlewareFactory service) =>
        service.TestServices = services =>
        {
            var real = services.Single(d => d.ServiceType == typeof(IDbConnectionFactory));
            services.Remove(real);
            services.AddSingleton<IDbConnectionFactory>(provider =>
            {
                disk.Inner = (IDbConnectionFactory)(real.ImplementationInstance ?? real.ImplementationFactory!(provider));
                return disk;
            });
        };

    /// <summary>A Create whose note is long enough to need new database pages.</summary>
    private string BigNote(string status) =>
        Payloads.Load("create-note.json", Alice.Values(("status", status)))
            .Replace("Lees de brief.", string.Concat(Enumerable.Repeat("Lees de brief. ", 20_000)));

    [SqliteOnlyFact]
    public async Task A_full_disk_answers_503_loses_nothing_acknowledged_and_takes_the_activity_once_there_is_room()
    {
        var first = Payloads.Load("create-note.json", Alice.Values(("status", "1")));
        Assert.Equal(HttpStatusCode.Accepted, (await PostAsync(Alice, "/inbox", first)).StatusCode);
        await Eventually.GetAsync(() => GetPostAsync($"{Alice.Id}/statuses/1"), "the first post");

        disk.Full = true;
        var refused = await PostAsync(Alice, "/inbox", BigNote("2"));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
        Assert.NotNull(refused.Headers.RetryAfter);
        Assert.Contains("storage is full", JsonDocument.Parse(await refused.Content.ReadAsStringAsync()).RootElement.GetProperty("error").GetString());
        disk.Full = false;
        Assert.NotNull(await GetPostAsync($"{Alice.Id}/statuses/1"));
        Assert.Null(await GetPostAsync($"{Alice.Id}/statuses/2"));
        var stats = await StatsAsync();
        Assert.Equal(1, stats.GetProperty("inboxPending").GetInt64() + stats.GetProperty("inboxDone").GetInt64());

        Assert.Equal(HttpStatusCode.Accepted, (await PostAsync(Alice, "/inbox", BigNote("2"))).StatusCode);
        await Eventually.GetAsync(() => GetPostAsync($"{Alice.Id}/statuses/2"), "the second post");
    }

    /// <summary>Real SQLite running out of room: while <see cref="Full"/>, every write connection may
    /// not grow the database file past its current size (<c>PRAGMA max_page_count</c>), so a write that
    /// needs a new page fails with SQLITE_FULL, exactly as on a full disk.</summary>
    private sealed class FillableDisk : IDbConnectionFactory
    {
        public IDbConnectionFactory Inner { get; set; } = null!;

        public volatile bool Full;

        public SqlDialect Dialect => Inner.Dialect;

        public Task<DbConnection> OpenAsync(CancellationToken ct = default) => Inner.OpenAsync(ct);

        public async Task<DbConnection> OpenForWriteAsync(CancellationToken ct = default) => await LimitAsync(await Inner.OpenForWriteAsync(ct));

        public async Task<DbConnection> OpenForWriteAsync(WritePriority priority, CancellationToken ct = default) =>
            await LimitAsync(await Inner.OpenForWriteAsync(priority, ct));

        public Task<IDisposable> EnterWriteAsync(CancellationToken ct = default) => Inner.EnterWriteAsync(ct);

        private async Task<DbConnection> LimitAsync(DbConnection connection)
        {
            await using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA page_count";
            var pages = Convert.ToInt64(await command.ExecuteScalarAsync());
            // Pooled connections keep the setting, so it is set (or lifted) on every open.
            command.CommandText = $"PRAGMA max_page_count = {(Full ? pages : 1_073_741_823)}";
            await command.ExecuteScalarAsync();
            return connection;
        }
    }
}
