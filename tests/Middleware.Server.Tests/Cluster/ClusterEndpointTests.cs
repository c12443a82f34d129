using System.Diagnostics.Metrics;
using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Middleware.Core.Cluster;
using Middleware.Server.Operations;
using Middleware.Server.Tests.Infrastructure;

namespace Middleware.Server.Tests.Cluster;

/// <summary><c>GET /api/admin/cluster</c> on the run's database: the one node leads (on SQLite always,
/// on PostgreSQL once its election took the lock), and only the admin may ask.</summary>
public sealed class ClusterEndpointTests : ServiceFixture
{
    [Fact]
    public async Task The_admin_sees_this_node_leading_its_own_database()
    {
        var node = Service.Services.GetRequiredService<NodeIdentity>().Id;
        JsonElement view = default;
        await Eventually.TrueAsync(async () =>
        {
            view = JsonDocument.Parse(await Admin.GetStringAsync("/api/admin/cluster")).RootElement;
            return view.GetProperty("leading").GetBoolean();
        }, "this node leading");

        Assert.Equal(node, view.GetProperty("node").GetString());
        Assert.Equal(node[..Math.Min(node.Length, 63)], view.GetProperty("leader").GetString());
        Assert.Equal(TestPostgresDatabase.Selected ? "postgres" : "sqlite", view.GetProperty("database").GetString());
        if (!TestPostgresDatabase.Selected)
            Assert.Same(AlwaysLeading.Instance, Service.Services.GetRequiredService<ILeadership>());
    }

    [Fact]
    public async Task The_leading_gauge_of_this_node_reads_one()
    {
        var ours = Service.Services.GetRequiredService<IMeterFactory>();
        Service.Services.GetRequiredService<ServiceMetrics>(); // made when first needed; its instruments with it
        await Eventually.TrueAsync(() => Task.FromResult(Service.Services.GetRequiredService<ILeadership>().IsLeading), "this node leading");
        int? leading = null;
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Scope == ours && instrument.Name == "middleware.cluster.leading")
                l.EnableMeasurementEvents(instrument);
        };
        listener.SetMeasurementEventCallback<int>((_, value, _, _) => leading = value);
        listener.Start();

        listener.RecordObservableInstruments();

        Assert.Equal(1, leading);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("Bearer not-the-token")]
    public async Task A_stranger_learns_nothing_about_the_cluster(string? authorization)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/admin/cluster");
        if (authorization is not null)
            request.Headers.TryAddWithoutValidation("Authorization", authorization);

        var response = await Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.DoesNotContain("leading", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
