using System.Net;
using Middleware.Server.Tests.Feeds;

namespace Middleware.Server.Tests.Audit;

/// <summary>A stranger asking for range after range (each a new computation) is stopped per address.</summary>
public sealed class AuditRateLimitTests : OpenFeedFixture
{
    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Middleware:RateLimits:Audits:PermitLimit"] = "2", ["Middleware:RateLimits:Audits:Window"] = "00:10:00",
    };

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await AddFeedAsync("news");
    }

    [Fact]
    public async Task Audit_requests_are_limited_per_client_address_across_json_page_csv_and_plots()
    {
        Assert.Equal(HttpStatusCode.OK, (await Client.GetAsync("/api/v1/feeds/news/audit?from=2026-11-01")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Client.GetAsync("/feeds/news/audit.csv?from=2026-11-02")).StatusCode);

        var refused = await Client.GetAsync("/feeds/news/audit/lorenz.svg?from=2026-11-03");

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.NotNull(refused.Headers.RetryAfter);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await Client.GetAsync("/feeds/news/audit")).StatusCode);
    }
}
