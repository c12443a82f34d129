using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Middleware.Core.Delivery;
using Middleware.Server.Delivery;
using Middleware.Server.Inbox;
using Middleware.Server.Tests.Infrastructure;

namespace Middleware.Server.Tests.Delivery;

/// <summary>A peer unreachable for hours, on a simulated clock: the delivery keeps being retried on
/// Mastodon's schedule (and the circuit breaker's pauses) and arrives once the peer is back, well
/// within the retry horizon, without being given up.</summary>
public sealed class UnreachablePeerTests : ServiceFixture
{
    private readonly FakeTimeProvider clock = new(DateTimeOffset.UtcNow);

    protected override void Configure(MiddlewareFactory service) =>
        service.TestServices = services => services.AddSingleton<TimeProvider>(clock);

    private async Task<(long Attempts, long NextAttemptAt, string State)> DeliveryAsync()
    {
        await using var connection = await Service.OpenDatabaseAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT attempts, next_attempt_at, state FROM deliveries";
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        return (reader.GetInt64(0), reader.GetInt64(1), reader.GetString(2));
    }

    [Fact]
    public async Task A_peer_down_for_ten_hours_gets_its_delivery_when_it_returns()
    {
        var down = true;
        var received = 0;
        Remote.Route("/users/peer/inbox", context =>
        {
            Interlocked.Increment(ref received);
            context.Response.StatusCode = Volatile.Read(ref down) ? 503 : 202;
            return Task.CompletedTask;
        });
        await CreateFeedActorAsync("buurt");
        var signal = Service.Services.GetRequiredService<DeliverySignal>();
        var start = clock.GetUtcNow();
        await Service.Services.GetRequiredService<IDeliveryQueue>().EnqueueAsync(
            [new NewDelivery($"{Remote.BaseUrl}/users/peer/inbox", "buurt", $"{MiddlewareFactory.PublicUrl}/activities/1", """{"type":"Announce"}""")]);
        signal.Notify();
        await Eventually.TrueAsync(async () => (await DeliveryAsync()).Attempts >= 1, "the first attempt");

        var steps = 0;
        for (var row = await DeliveryAsync(); row.State == "pending"; row = await DeliveryAsync())
        {
            Assert.True(++steps < 100, "the delivery is neither delivered nor given up");
            var due = DateTimeOffset.FromUnixTimeMilliseconds(row.NextAttemptAt);
            if (due - start >= TimeSpan.FromHours(10))
                Volatile.Write(ref down, false);
            // Jump to the retry (nothing happens in between), let the worker see it, and wait for its outcome.
            clock.SetUtcNow(due > clock.GetUtcNow() ? due.AddSeconds(1) : clock.GetUtcNow());
            signal.Notify();
            var before = row;
            await Eventually.TrueAsync(async () => await DeliveryAsync() != before, "the retry");
        }

        var delivered = await DeliveryAsync();
        Assert.Equal("delivered", delivered.State);
        Assert.True(delivered.Attempts < RetrySchedule.MaxAttempts, $"{delivered.Attempts} attempts");
        var arrived = clock.GetUtcNow() - start;
        Assert.InRange(arrived, TimeSpan.FromHours(10), TimeSpan.FromHours(24));
        // Every attempt reached the peer once; pauses of the circuit breaker are not attempts.
        Assert.Equal(delivered.Attempts, received);
    }
}
