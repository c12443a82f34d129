using System.Collections.Concurrent;

namespace Middleware.Ranking.Scoring;

/// <summary>Parsed user input (recipes, prepared scripts) by its text. Feeds rank with the same few
/// recipes over and over, so parsing once pays; but the texts come from users, so the cache is
/// bounded: when it is full it starts over, which costs one parse per text and needs no bookkeeping
/// on the hot path.</summary>
internal sealed class BoundedCache<T>(int capacity) where T : class
{
    private readonly ConcurrentDictionary<string, T> entries = new(StringComparer.Ordinal);

    public int Count => entries.Count;

    /// <summary>The value for <paramref name="text"/>, created by <paramref name="create"/> when
    /// absent. A <paramref name="create"/> that throws caches nothing.</summary>
    public T GetOrAdd(string text, Func<string, T> create)
    {
        if (entries.TryGetValue(text, out var cached))
            return cached;
        var value = create(text);
        if (entries.Count >= capacity)
            entries.Clear();
        return entries.GetOrAdd(text, value);
    }
}
