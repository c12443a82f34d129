using System.Collections.Concurrent;

namespace Middleware.ActivityPub.Federation;

/// <summary>Remembers, for a short while, which keys could not be fetched, so that a flood of requests
/// naming a bad <c>keyId</c> costs one outgoing fetch per key and <see cref="Lifetime"/>, not one per
/// request. Bounded: when full, the oldest failures are forgotten first.</summary>
public sealed class FailedLookups(TimeProvider clock, int capacity = FailedLookups.DefaultCapacity)
{
    public const int DefaultCapacity = 10_000;
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(10);

    private readonly ConcurrentDictionary<string, (PublicKeyLookup Failure, DateTimeOffset At)> _failures = new(StringComparer.Ordinal);

    /// <summary>The failure remembered for this key, while it is younger than <see cref="Lifetime"/>.</summary>
    public PublicKeyLookup? Find(string keyId)
    {
        if (!_failures.TryGetValue(keyId, out var entry))
            return null;
        if (clock.GetUtcNow() - entry.At < Lifetime)
            return entry.Failure;
        _failures.TryRemove(new KeyValuePair<string, (PublicKeyLookup, DateTimeOffset)>(keyId, entry));
        return null;
    }

    public void Remember(string keyId, PublicKeyLookup failure)
    {
        if (_failures.Count >= capacity)
            Trim();
        _failures[keyId] = (failure, clock.GetUtcNow());
    }

    public void Forget(string keyId) => _failures.TryRemove(keyId, out _);

    /// <summary>Drops expired entries and, if that is not enough, the older half: O(n) once per n/2 inserts.</summary>
    private void Trim()
    {
        var now = clock.GetUtcNow();
        var byAge = _failures.OrderBy(e => e.Value.At).ToList();
        var drop = byAge.Count(e => now - e.Value.At >= Lifetime);
        drop = Math.Max(drop, byAge.Count / 2);
        foreach (var (key, _) in byAge.Take(drop))
            _failures.TryRemove(key, out _);
    }
}
