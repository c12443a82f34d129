using System.Collections.Concurrent;
using Middleware.Core.Audit;
using Middleware.Core.Feeds;
using Middleware.Ranking;

namespace Middleware.Server.Feeds.Open;

/// <summary>One ranking of a feed, kept so that a reader pages through a fixed order: posts that
/// arrive meanwhile go to the next snapshot, never between two pages of this one.</summary>
public sealed class FeedSnapshot
{
    private readonly Dictionary<string, int> positions;

    public FeedSnapshot(Guid id, FeedRanking ranking, string? viewer = null)
    {
        Id = id;
        Viewer = viewer;
        Feed = ranking.Feed;
        Items = ranking.Outcome.Result.Items;
        Ranker = ranking.Outcome.Ranker;
        FallbackReason = ranking.Outcome.FallbackReason;
        Candidates = ranking.Candidates;
        RankedAt = ranking.At;
        Audit = ranking.Audit;
        positions = new Dictionary<string, int>(Items.Count, StringComparer.Ordinal);
        for (var i = 0; i < Items.Count; i++)
            positions.TryAdd(Items[i].PostUri, i);
    }

    public Guid Id { get; }

    /// <summary>The actor the ranking is for; null for the snapshot every anonymous reader shares.
    /// Only that reader may page through it.</summary>
    public string? Viewer { get; }

    /// <summary>The definition (name and version) that ranked.</summary>
    public Feed Feed { get; }

    public IReadOnlyList<RankedItem> Items { get; }
    public string Ranker { get; }
    public string? FallbackReason { get; }
    public int Candidates { get; }
    public DateTimeOffset RankedAt { get; }

    /// <summary>The ranked posts beside the same candidates newest first: what a serve records for the audit.</summary>
    public AuditFrame Audit { get; }

    // A snapshot never changes, so neither does any page of it: most readers ask for the same first
    // page, and serializing it once saves the per-request cost of writing every score and factor.
    private const int MaxCachedPages = 64;
    private readonly ConcurrentDictionary<(int Offset, int Size), byte[]> pages = new();

    /// <summary>The UTF-8 JSON of the page at <paramref name="offset"/>, made once by <paramref name="render"/>.</summary>
    public byte[] Page(int offset, int size, Func<byte[]> render)
    {
        if (pages.TryGetValue((offset, size), out var cached))
            return cached;
        var bytes = render();
        if (pages.Count < MaxCachedPages)
            pages.TryAdd((offset, size), bytes);
        return bytes;
    }

    /// <summary>Zero-based place of a post, or -1 when it is not in the snapshot.</summary>
    public int PositionOf(string postUri) => positions.TryGetValue(postUri, out var p) ? p : -1;
}
