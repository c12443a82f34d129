using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Middleware.Core.Delivery;
using Middleware.Server.Inbox;
using Middleware.Server.Tests.Infrastructure;

namespace Middleware.Server.Tests.Operations;

/// <summary>Delivery failures are counted per receiving host, as a MeterListener on this service's own
/// meter (its IMeterFactory: other tests' services are not counted) sees them.</summary>
public sealed class DeliveryMetricsTests : ServiceFixture
{
    [Fact]
    public async Task A_failed_delivery_is_counted_under_its_host_and_result()
    {
        Remote.Route("/users/peer/inbox", context =>
        {
            context.Response.StatusCode = 503;
            return Task.CompletedTask;
        });
        await CreateFeedActorAsync("buurt");
        var measured = new ConcurrentBag<(string Instrument, long Value, Dictionary<string, object?> Tags)>();
        var ours = Service.Services.GetRequiredService<IMeterFactory>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Scope == ours)
                l.EnableMeasurementEvents(instrument);
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
            measured.Add((instrument.Name, value, tags.ToArray().ToDictionary(t => t.Key, t => t.Value))));
        listener.Start();

        await Service.Services.GetRequiredService<IDeliveryQueue>().EnqueueAsync(
            [new NewDelivery($"{Remote.BaseUrl}/users/peer/inbox", "buurt", $"{MiddlewareFactory.PublicUrl}/activities/1", """{"type":"Announce"}""")]);
        Service.Services.GetRequiredService<DeliverySignal>().Notify();
        await Eventually.TrueAsync(() => Task.FromResult(measured.Any(m => m.Instrument == "middleware.delivery.failures")), "a failure counted");

        var failure = Assert.Single(measured, m => m.Instrument == "middleware.delivery.failures");
        Assert.Equal(1, failure.Value);
        Assert.Equal(new Uri(Remote.BaseUrl).Authority, failure.Tags["host"]);
        Assert.Equal("retry", failure.Tags["result"]);
        var attempt = Assert.Single(measured, m => m.Instrument == "middleware.delivery.attempts");
        Assert.Equal("retry", attempt.Tags["result"]);
    }
}
