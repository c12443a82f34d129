using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Middleware.Core.Audit;
using Middleware.Server.Tests.Feeds;

namespace Middleware.Server.Tests.Audit;

/// <summary>The audit's JSON, CSV, page and plots: what they answer, and what they refuse.</summary>
public sealed class AuditEndpointTests : OpenFeedFixture
{
    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await ImportPostsAsync(1, 12);
        await AddFeedAsync("news");
        await AddFeedAsync("hidden", isPublic: false);
    }

    [Theory]
    [InlineData("from=yesterday", "from")]
    [InlineData("to=2026-13-45", "to")]
    [InlineData("from=2026-12-05&to=2026-12-01", "from")]
    [InlineData("from=2026-12-02&to=2026-12-01", "from")]
    [InlineData("from=2026-12-01T12:00:00Z&to=2026-12-01T12:00:00Z", "from")]
    [InlineData("from=2026-09-01&to=2026-11-30", "to")]
    [InlineData("from=2026-01-01&to=2026-12-01", "to")]
    [InlineData("from=%3Cscript%3E", "from")]
    [InlineData("to=99999-01-01", "to")]
    public async Task A_bad_range_is_a_400_problem_naming_the_parameter(string query, string field)
    {
        var response = await Client.GetAsync($"/api/v1/feeds/news/audit?{query}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(field, problem.GetProperty("field").GetString());
        Assert.StartsWith($"{field}: ", problem.GetProperty("detail").GetString());
        Assert.Equal(400, problem.GetProperty("status").GetInt32());
        Assert.DoesNotContain("<script>", await response.Content.ReadAsStringAsync());
        // The CSV and the page refuse alike.
        Assert.Equal(HttpStatusCode.BadRequest, (await Client.GetAsync($"/feeds/news/audit.csv?{query}")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await Client.GetAsync($"/feeds/news/audit?{query}")).StatusCode);
    }

    [Theory]
    [InlineData("/api/v1/feeds/nope/audit")]
    [InlineData("/api/v1/feeds/hidden/audit")]
    [InlineData("/feeds/nope/audit")]
    [InlineData("/feeds/hidden/audit")]
    [InlineData("/feeds/hidden/audit.csv")]
    [InlineData("/feeds/hidden/audit/lorenz.svg")]
    public async Task Unknown_and_private_feeds_are_404_to_the_public(string path)
    {
        Assert.Equal(HttpStatusCode.NotFound, (await Client.GetAsync(path)).StatusCode);
    }

    [Fact]
    public async Task An_unknown_plot_is_a_400_naming_it()
    {
        var response = await Client.GetAsync("/feeds/news/audit/pie.svg");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("\"field\":\"plot\"", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Served_positions_show_in_the_json_the_csv_the_page_and_the_plots()
    {
        await GetJsonAsync("/api/v1/feeds/news/skeleton?limit=4");
        await AuditRecordingTests.StoredAsync(Service, "news", 4);

        var audit = await GetJsonAsync("/api/v1/feeds/news/audit");
        Assert.Equal(4, audit.GetProperty("feedExposures").GetInt32());
        Assert.Equal(4, audit.GetProperty("chronologicalExposures").GetInt32());
        Assert.Equal(["posts", "feedShare", "chronologicalShare"], audit.GetProperty("deletedPosts").EnumerateObject().Select(p => p.Name));
        var author = audit.GetProperty("dimensions").GetProperty("author").GetProperty("top")[0];
        Assert.Equal((Author, 1.0, 1.0), (author.GetProperty("key").GetString(), author.GetProperty("feedShare").GetDouble(),
            author.GetProperty("amplification").GetDouble()));

        var csv = await Client.GetAsync("/feeds/news/audit.csv");
        Assert.Equal("text/csv", csv.Content.Headers.ContentType!.MediaType);
        var lines = (await csv.Content.ReadAsStringAsync()).TrimEnd('\n').Split('\n');
        Assert.Equal("dimension,key,feed_exposures,chronological_exposures,feed_share,chronological_share,amplification", lines[0]);
        Assert.Contains($"author,{Author},4,4,1,1,1", lines);

        var page = await Client.GetStringAsync("/feeds/news/audit");
        Assert.Contains("Amplification audit", page);
        Assert.Contains("/feeds/news/audit/lorenz.svg?", page);

        var svg = await Client.GetAsync("/feeds/news/audit/lorenz.svg");
        Assert.Equal("image/svg+xml", svg.Content.Headers.ContentType!.MediaType);
        var text = await svg.Content.ReadAsStringAsync();
        Assert.True(text.Contains("<svg", StringComparison.Ordinal), text[..Math.Min(400, text.Length)]);
    }

    [Fact]
    public async Task A_closed_range_is_answered_from_the_cache_while_a_new_range_sees_the_new_serves()
    {
        var store = Service.Services.GetRequiredService<IServedPositionStore>();
        var post = new ServedPost(Uri("p1"), Author, "a.example", "en", new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero), 0);
        ServedPage Serve(DateTimeOffset at) => new("news", ServedSurface.Skeleton, at, [new ServedPosition(0, post, post)]);
        var past = new DateTimeOffset(2026, 11, 2, 12, 0, 0, TimeSpan.Zero);
        const string closed = "/api/v1/feeds/news/audit?from=2026-11-02&to=2026-11-03";
        await store.AppendAsync([Serve(past)]);
        Assert.Equal(1, (await GetJsonAsync(closed)).GetProperty("feedExposures").GetInt32());
        var open = "/api/v1/feeds/news/audit?from=" + DateTimeOffset.UtcNow.AddHours(-1).ToString("yyyy-MM-ddTHH:mm:ssZ");
        Assert.Equal(0, (await GetJsonAsync(open)).GetProperty("feedExposures").GetInt32());

        await store.AppendAsync([Serve(past.AddHours(1)), Serve(DateTimeOffset.UtcNow.AddMinutes(-5))]);

        // The closed range's report is kept (an hour), so the serve added inside it does not show yet; a range
        // not asked before is computed afresh and shows the new serve (so the writes did happen).
        Assert.Equal(1, (await GetJsonAsync(closed)).GetProperty("feedExposures").GetInt32());
        Assert.Equal(1, (await GetJsonAsync(open + "&to=" + DateTimeOffset.UtcNow.AddHours(1).ToString("yyyy-MM-ddTHH:mm:ssZ")))
            .GetProperty("feedExposures").GetInt32());
    }

    [Fact]
    public async Task The_feed_page_links_to_its_audit()
    {
        Assert.Contains("href=\"/feeds/news/audit\"", await Client.GetStringAsync("/feeds/news"));
    }
}
