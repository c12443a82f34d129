using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using Middleware.Core.Feeds;

namespace Middleware.Server.Feeds.Open;

/// <summary>The public feeds' definitions, read from the store at most once per
/// <see cref="OpenFeedOptions.DefinitionSeconds"/> each: a skeleton page is served from memory, and a
/// database read per request would cost more than the page itself. Only public feeds are kept, so
/// requests for made-up names cannot grow it.</summary>
public sealed class PublicFeeds(IFeedStore store, IOptions<OpenFeedOptions> options, TimeProvider clock)
{
    private readonly ConcurrentDictionary<string, (Feed Feed, DateTimeOffset ReadAt)> read = new(StringComparer.Ordinal);

    /// <summary>The feed when it exists and is public; a private feed is answered as if absent.</summary>
    public async Task<Feed?> FindAsync(string name, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        if (read.TryGetValue(name, out var kept) && now - kept.ReadAt < TimeSpan.FromSeconds(options.Value.DefinitionSeconds))
            return kept.Feed;
        if (await store.FindAsync(name, ct) is { Public: true } feed)
        {
            read[name] = (feed, now);
            return feed;
        }
        read.TryRemove(name, out _);
        return null;
    }
}
