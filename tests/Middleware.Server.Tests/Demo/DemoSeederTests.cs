using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Middleware.Core.Delivery;
using Middleware.Server.Demo;
using Middleware.Server.Tests.Infrastructure;

namespace Middleware.Server.Tests.Demo;

/// <summary>A test service in demo mode, seeded once for all the tests of a class.</summary>
public sealed class DemoService : IAsyncLifetime
{
    public MiddlewareFactory Service { get; } = new();
    public DemoSummary Summary { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Service.Settings[DemoMode.Setting] = "true";
        Summary = await Service.Services.GetRequiredService<DemoSeeder>().SeedAsync();
    }

    public async Task DisposeAsync() => await Service.DisposeAsync();
}

/// <summary>The demo's seeding on a test service: generated audience, feeds and bridging fit, read
/// back as a stranger would read them.</summary>
public sealed class DemoSeederTests(DemoService demo) : IClassFixture<DemoService>
{
    private readonly MiddlewareFactory service = demo.Service;
    private readonly DemoSummary summary = demo.Summary;

    [Fact]
    public async Task The_public_feeds_are_not_empty_and_every_post_has_an_explanation()
    {
        using var stranger = service.CreateClient();

        Assert.True(summary.BridgingFitted);
        Assert.Equal(200, summary.Posts);
        var listed = await stranger.GetFromJsonAsync<JsonElement>("/api/v1/feeds");
        var names = (listed.ValueKind == JsonValueKind.Array ? listed : listed.GetProperty("feeds")).EnumerateArray()
            .Select(f => f.GetProperty("name").GetString()).ToHashSet();
        Assert.Superset(new HashSet<string?> { "chronological", "bridging", "mixed" }, names);
        foreach (var feed in summary.Feeds)
        {
            var page = await stranger.GetFromJsonAsync<JsonElement>($"/api/v1/feeds/{feed}/skeleton?limit=20");
            var items = page.GetProperty("feed").EnumerateArray().ToList();
            Assert.True(items.Count == 20, $"{feed}: {items.Count} items");
            Assert.All(items, i => Assert.False(string.IsNullOrWhiteSpace(i.GetProperty("explanation").GetProperty("summary").GetString())));
            Assert.All(items, i => Assert.Contains(".example/", i.GetProperty("post").GetString()));
        }
    }

    [Fact]
    public async Task Every_demo_feed_has_a_filled_audit_that_tells_the_feed_from_chronological()
    {
        using var stranger = service.CreateClient();

        foreach (var feed in summary.Feeds)
        {
            var audit = await stranger.GetFromJsonAsync<JsonElement>($"/api/v1/feeds/{feed}/audit");
            // 200 readers each see the first page of 20 at least.
            Assert.True(audit.GetProperty("feedExposures").GetInt32() >= DemoReaders.Readers * DemoReaders.PageSize, feed);
            Assert.True(audit.GetProperty("chronologicalExposures").GetInt32() > 0, feed);
        }
        var bridging = await stranger.GetFromJsonAsync<JsonElement>("/api/v1/feeds/bridging/audit");
        var concentration = bridging.GetProperty("concentration");
        Assert.NotEqual(concentration.GetProperty("feed").GetProperty("gini").GetDouble(),
            concentration.GetProperty("chronological").GetProperty("gini").GetDouble());
    }

    [Fact]
    public async Task The_bridging_feed_ranks_by_the_fitted_model_and_puts_bridging_posts_first()
    {
        using var stranger = service.CreateClient();

        var page = await stranger.GetFromJsonAsync<JsonElement>("/api/v1/feeds/bridging/skeleton?limit=10");
        var items = page.GetProperty("feed").EnumerateArray().ToList();

        foreach (var item in items)
        {
            var explanation = item.GetProperty("explanation");
            Assert.Equal(JsonValueKind.Null, explanation.TryGetProperty("fallback", out var fallback) ? fallback.ValueKind : JsonValueKind.Null);
            Assert.Contains("side", explanation.GetProperty("summary").GetString());
        }
        var first = Uri.EscapeDataString(items[0].GetProperty("post").GetString()!);
        Assert.Equal(HttpStatusCode.OK, (await stranger.GetAsync($"/api/v1/feeds/bridging/explain?post={first}")).StatusCode);
        // The generator labels its posts in their text; the fitted model finds the bridging ones.
        var html = await stranger.GetStringAsync("/feeds/bridging");
        var bridging = System.Text.RegularExpressions.Regex.Matches(html, "Synthetic bridging post").Count;
        Assert.True(bridging >= 8, $"{bridging} bridging posts on the page");
    }

    [Fact]
    public async Task Seeding_twice_adds_no_second_feed_and_keeps_the_posts()
    {
        var again = await service.Services.GetRequiredService<DemoSeeder>().SeedAsync();

        Assert.Equal(0, again.Posts);
        using var stranger = service.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await stranger.GetAsync("/feeds/mixed")).StatusCode);
    }

    [Fact]
    public async Task In_demo_mode_nothing_is_delivered_to_a_reserved_host()
    {
        var queue = service.Services.GetRequiredService<IDeliveryQueue>();
        await queue.EnqueueAsync([new NewDelivery("https://a-town.example/users/u1/inbox", "bridging", "https://localhost/activities/1", "{}")]);

        var counts = await Eventually.GetAsync<(long Pending, long Failed)>(async () =>
            await queue.CountAsync() is { Pending: 0 } c ? (c.Pending, c.Failed) : null, "the delivery to be refused");

        Assert.Equal(1, counts.Failed);
    }
}

/// <summary>Where demo data lives: hosts no real server can have.</summary>
public sealed class DemoHostTests
{
    [Theory]
    [InlineData("https://a-town.social/users/u1", "https://a-town.example/users/u1")]
    [InlineData("https://mastodon.example/users/u2/statuses/9", "https://mastodon.example/users/u2/statuses/9")]
    [InlineData("https://deep.sub.host.org/x", "https://deep.sub.host.example/x")]
    [InlineData("https://plain/x", "https://plain.example/x")]
    public void Generated_hosts_move_under_example(string uri, string expected) =>
        Assert.Equal(expected, DemoAudience.OnReservedHost(uri));

    [Theory]
    [InlineData("a.example", true)]
    [InlineData("EXAMPLE", true)]
    [InlineData("x.test.", true)]
    [InlineData("social.overheid.nl", false)]
    [InlineData("example.com", false)]
    [InlineData("notexample", false)]
    public void Reserved_hosts_are_the_rfc_2606_domains(string host, bool reserved) =>
        Assert.Equal(reserved, ReservedHosts.IsReserved(host));
}
