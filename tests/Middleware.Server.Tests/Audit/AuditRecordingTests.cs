using System.Net;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Middleware.Core.Audit;
using Middleware.Data;
using Middleware.Server.Tests.Feeds;
using Middleware.Server.Tests.Infrastructure;

namespace Middleware.Server.Tests.Audit;

/// <summary>What the open surfaces served reaches the audit, anonymously, beside the chronological baseline.</summary>
public sealed class AuditRecordingTests : OpenFeedFixture
{
    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await ImportPostsAsync(1, 25);
        await AddFeedAsync("news");
    }

    /// <summary>The exposures stored for the feed around now, once <paramref name="feedExposures"/> are there.</summary>
    internal static async Task<IReadOnlyList<PostExposure>> StoredAsync(MiddlewareFactory service, string feed, int feedExposures)
    {
        var store = service.Services.GetRequiredService<IServedPositionStore>();
        var now = DateTimeOffset.UtcNow;
        IReadOnlyList<PostExposure> stored = [];
        await Eventually.TrueAsync(async () =>
        {
            stored = await store.ExposuresAsync(feed, now.AddHours(-1), now.AddHours(1));
            return stored.Sum(e => e.Feed) >= feedExposures;
        }, $"{feedExposures} served positions of {feed} in the audit");
        return stored;
    }

    [Fact]
    public async Task Skeleton_pages_record_each_served_position_and_its_chronological_counterpart()
    {
        var first = await GetJsonAsync("/api/v1/feeds/news/skeleton?limit=5");
        await GetJsonAsync($"/api/v1/feeds/news/skeleton?limit=5&cursor={Cursor(first)}");

        var stored = await StoredAsync(Service, "news", 10);

        // A chronological feed serves exactly its baseline: p25 … p16 once each under both orders.
        Assert.Equal(Enumerable.Range(16, 10).Select(i => Uri($"p{i}")).Order(), stored.Select(e => e.Uri).Order());
        Assert.All(stored, e => Assert.Equal((1, 1), (e.Feed, e.Baseline)));
        Assert.All(stored, e => Assert.Equal((Author, "a.example"), (e.Author, e.Instance)));
    }

    [Fact]
    public async Task The_feed_page_records_the_posts_it_shows()
    {
        Assert.Equal(HttpStatusCode.OK, (await Client.GetAsync("/feeds/news")).StatusCode);

        var stored = await StoredAsync(Service, "news", 1);

        Assert.Contains(stored, e => e.Uri == Uri("p25") && e.Feed == 1);
    }

    [Fact]
    public async Task A_failed_audit_write_is_logged_and_the_page_is_served_all_the_same()
    {
        await using (var connection = await Service.Services.GetRequiredService<IDbConnectionFactory>().OpenForWriteAsync())
            await connection.ExecuteAsync("DROP TABLE served_positions");

        var page = await GetJsonAsync("/api/v1/feeds/news/skeleton?limit=5");

        Assert.Equal(5, Posts(page).Length);
        await Eventually.TrueAsync(() => Task.FromResult(Service.Logs.Entries.Any(e =>
            e.Level == LogLevel.Warning && e.Message.StartsWith("Could not record", StringComparison.Ordinal))), "the failed write logged");
    }
}
