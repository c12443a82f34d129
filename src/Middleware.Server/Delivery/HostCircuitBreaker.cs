using System.Collections.Concurrent;

namespace Middleware.Server.Delivery;

/// <summary>Stops hammering a host that keeps failing: after <see cref="Threshold"/> failures in a
/// row its deliveries wait until the circuit closes again, doubling the pause each time it trips
/// (1 min up to 6 h). One success closes it. In memory: a restart gives every host a fresh chance.</summary>
public sealed class HostCircuitBreaker(TimeProvider clock)
{
    public const int Threshold = 5;
    private static readonly TimeSpan FirstPause = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan LongestPause = TimeSpan.FromHours(6);

    private readonly ConcurrentDictionary<string, HostHealth> _hosts = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>When the host may be tried again, or null when it may be tried now.</summary>
    public DateTimeOffset? OpenUntil(string host) =>
        _hosts.TryGetValue(host, out var health) && health.OpenUntil > clock.GetUtcNow() ? health.OpenUntil : null;

    public void RecordSuccess(string host) => _hosts.TryRemove(host, out _);

    public void RecordFailure(string host) =>
        _hosts.AddOrUpdate(host, _ => new HostHealth(1, 0, DateTimeOffset.MinValue), (_, h) =>
        {
            var failures = h.Failures + 1;
            if (failures < Threshold)
                return h with { Failures = failures };
            var pause = TimeSpan.FromTicks(Math.Min(LongestPause.Ticks, FirstPause.Ticks << Math.Min(h.Trips, 16)));
            return new HostHealth(0, h.Trips + 1, clock.GetUtcNow() + pause);
        });

    private sealed record HostHealth(int Failures, int Trips, DateTimeOffset OpenUntil);
}
