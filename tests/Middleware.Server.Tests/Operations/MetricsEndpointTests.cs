using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Middleware.Core.Feeds;
using Middleware.Server.Tests.Infrastructure;

namespace Middleware.Server.Tests.Operations;

/// <summary>With <c>Middleware:Telemetry:Prometheus:Enabled</c>, the admin scrapes our own metrics at
/// /api/admin/metrics. The meter is shared by the process (tests run several services at once), so
/// counts are checked as at least what this test caused.</summary>
public sealed partial class MetricsEndpointTests : TwoAccountsFixture
{
    private const string Path = "/api/admin/metrics";

    protected override void Configure(MiddlewareFactory service) =>
        service.Settings["Middleware:Telemetry:Prometheus:Enabled"] = "true";

    private async Task<string> ScrapeAsync()
    {
        var response = await Admin.GetAsync(Path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("text/plain", response.Content.Headers.ContentType!.MediaType);
        return await response.Content.ReadAsStringAsync();
    }

    /// <summary>The sum of a metric's samples whose labels contain <paramref name="label"/> (all when null).</summary>
    private static double Sum(string scrape, string metric, string? label = null) => Sample().Matches(scrape)
        .Where(m => m.Groups["name"].Value == metric && (label is null || m.Groups["labels"].Value.Contains(label, StringComparison.Ordinal)))
        .Sum(m => double.Parse(m.Groups["value"].Value, CultureInfo.InvariantCulture));

    [GeneratedRegex(@"^(?<name>[a-z_]+)(\{(?<labels>[^}]*)\})? (?<value>[-+0-9.eE]+|NaN|\+Inf)(?: \d+)?$", RegexOptions.Multiline)]
    private static partial Regex Sample();

    [Fact]
    public async Task After_inbox_and_skeleton_traffic_the_scrape_has_our_metrics_with_sane_values()
    {
        for (var i = 0; i < 3; i++)
        {
            var json = Payloads.Load("create-note.json", Alice.Values(("status", $"20{i}")));
            Assert.Equal(HttpStatusCode.Accepted, (await PostAsync(Alice, "/inbox", json)).StatusCode);
        }
        using var unsigned = new StringContent("{}", System.Text.Encoding.UTF8, "application/activity+json");
        Assert.Equal(HttpStatusCode.Unauthorized, (await Client.PostAsync("/inbox", unsigned)).StatusCode);
        await DrainInboxAsync();
        await Service.Services.GetRequiredService<IFeedStore>().AddAsync(new Feed
        {
            Name = "news", DisplayName = "News", Description = "News", Ranker = "chronological", ParametersJson = "{}",
            Public = true, CreatedAt = DateTimeOffset.UtcNow, UpdatedAt = DateTimeOffset.UtcNow,
        });
        Assert.Equal(HttpStatusCode.OK, (await Client.GetAsync("/api/v1/feeds/news/skeleton")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await Client.GetAsync("/api/v1/feeds/news/skeleton?limit=0")).StatusCode);

        var scrape = await ScrapeAsync();

        Assert.True(Sum(scrape, "middleware_inbox_received_total", "status=\"202\"") >= 3, scrape);
        Assert.True(Sum(scrape, "middleware_inbox_received_total", "status=\"401\"") >= 1);
        Assert.True(Sum(scrape, "middleware_inbox_processed_total", "outcome=\"done\"") >= 3);
        Assert.Contains("# TYPE middleware_inbox_backlog gauge", scrape);
        Assert.True(Sum(scrape, "middleware_inbox_backlog") >= 0);
        Assert.True(Sum(scrape, "middleware_surface_duration_seconds_count", "surface=\"skeleton\"") >= 2);
        var skeletonSeconds = Sum(scrape, "middleware_surface_duration_seconds_sum", "surface=\"skeleton\"");
        Assert.InRange(skeletonSeconds, 1e-6, 60);
        Assert.True(Sum(scrape, "middleware_ranking_duration_seconds_count", "ranker=\"chronological\"") >= 1);
        // ASP.NET Core's own request metrics come along.
        Assert.Contains("http_server_request_duration_seconds", scrape);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("Bearer not-the-token")]
    public async Task Only_the_admin_token_may_scrape(string? authorization)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, Path);
        if (authorization is not null)
            request.Headers.TryAddWithoutValidation("Authorization", authorization);

        var response = await Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.DoesNotContain("middleware_", await response.Content.ReadAsStringAsync());
    }
}

/// <summary>Without the setting there is no scrape endpoint at all, not even for the admin.</summary>
public sealed class MetricsOffTests : ServiceFixture
{
    [Fact]
    public async Task The_scrape_endpoint_is_404_when_prometheus_is_not_enabled()
    {
        Assert.Equal(HttpStatusCode.NotFound, (await Admin.GetAsync("/api/admin/metrics")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Admin.GetAsync("/metrics")).StatusCode);
    }
}
