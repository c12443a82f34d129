using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;
using Middleware.Ranking.Bridging;
using Middleware.Tests.Shared.Postgres;

namespace Middleware.Server.Tests.Cluster;

/// <summary>What one node changes, the other serves within the documented bound (ADR 0037): feed
/// definitions after <c>Middleware:OpenFeeds:DefinitionSeconds</c>, the bridging model after
/// <c>Middleware:Ranking:Bridging:FollowInterval</c>.</summary>
public sealed class FeedCoherenceTests
{
    private const string News = """
        {"name":"news","displayName":"News","description":"What happened.","sources":"all","ranker":"chronological"}
        """;

    [PostgresFact]
    public async Task A_feed_changed_or_deleted_on_one_node_is_served_so_by_the_other_within_the_definition_bound()
    {
        // One clock for both nodes, so the bound is crossed by moving it, not by sleeping.
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var nodes = await TwoNodes.StartAsync(node => node.TestServices = s => s.Replace(ServiceDescriptor.Singleton<TimeProvider>(clock)));
        using var adminA = nodes.A.CreateAdminClient();
        using var readerB = nodes.B.CreateClient();
        var created = await SendAsync(adminA, HttpMethod.Post, "/api/admin/feeds", News);
        Assert.True(created.StatusCode == HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        Assert.Equal(1, await VersionAsync(readerB));
        Assert.Equal(HttpStatusCode.OK, (await readerB.GetAsync("/api/v1/feeds/news/skeleton")).StatusCode);

        Assert.Equal(HttpStatusCode.OK, (await SendAsync(adminA, HttpMethod.Put, "/api/admin/feeds/news", News.Replace("\"News\"", "\"News (new)\"", StringComparison.Ordinal))).StatusCode);
        clock.Advance(TimeSpan.FromSeconds(2));
        Assert.Equal(2, await VersionAsync(readerB));

        Assert.Equal(HttpStatusCode.NoContent, (await SendAsync(adminA, HttpMethod.Delete, "/api/admin/feeds/news", "{}")).StatusCode);
        clock.Advance(TimeSpan.FromSeconds(2));
        Assert.Equal(HttpStatusCode.NotFound, (await readerB.GetAsync("/api/v1/feeds/news")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await readerB.GetAsync("/api/v1/feeds/news/skeleton")).StatusCode);
    }

    [PostgresFact]
    public async Task A_model_fitted_and_stored_by_one_node_is_taken_up_by_the_other()
    {
        await using var nodes = await TwoNodes.StartAsync(node => node.Settings["Middleware:Ranking:Bridging:FollowInterval"] = "00:00:00.100");
        var onA = nodes.A.Services.GetRequiredService<BridgingRanker>();
        var onB = nodes.B.Services.GetRequiredService<BridgingRanker>();

        var report = await onA.RefitAsync(CancellationToken.None);

        Assert.True(report.Succeeded, report.Error);
        Assert.NotNull(onA.ModelFittedAt);
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (onB.ModelFittedAt?.ToUnixTimeMilliseconds() != onA.ModelFittedAt?.ToUnixTimeMilliseconds() && DateTime.UtcNow < deadline)
            await Task.Delay(50);
        // Stored to the millisecond.
        Assert.Equal(onA.ModelFittedAt?.ToUnixTimeMilliseconds(), onB.ModelFittedAt?.ToUnixTimeMilliseconds());
    }

    private static async Task<int> VersionAsync(HttpClient reader)
    {
        var response = await reader.GetAsync("/api/v1/feeds/news");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("version").GetInt32();
    }

    private static Task<HttpResponseMessage> SendAsync(HttpClient client, HttpMethod method, string path, string json) =>
        client.SendAsync(new HttpRequestMessage(method, path) { Content = new StringContent(json, Encoding.UTF8, "application/json") });
}
