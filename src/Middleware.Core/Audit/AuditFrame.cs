using Middleware.Ranking;

namespace Middleware.Core.Audit;

/// <summary>The two orders of one ranking that the audit compares: what the feed ranked (aligned with the
/// ranked items, null where a ranked post was not among the candidates) and the same candidates newest
/// first, to the same depth. A serve of positions p takes <c>Ranked[p]</c> and, as its baseline,
/// <c>Chronological[p]</c> (ADR 0028). A null entry is a post the audit must not keep (not public): that
/// position is not counted for its order.</summary>
public sealed record AuditFrame(IReadOnlyList<ServedPost?> Ranked, IReadOnlyList<ServedPost?> Chronological)
{
    public static readonly AuditFrame Empty = new([], []);

    /// <summary>The frame of a ranking: <paramref name="ranked"/> in the feed's order, and the
    /// <paramref name="candidates"/> in chronological order (newest first, ties by uri) cut to the same depth.</summary>
    public static AuditFrame Of(IReadOnlyList<ServedPost?> ranked, IEnumerable<Candidate> candidates) =>
        // Sorted and cut before converting: of thousands of candidates, only the ranking's depth is kept.
        new(ranked, Chronologically(candidates).Take(ranked.Count).Select(ServedPost.Of).ToList<ServedPost?>());

    /// <summary>Newest first; equal times by uri, so the baseline does not depend on the store's order.</summary>
    public static IOrderedEnumerable<Candidate> Chronologically(IEnumerable<Candidate> candidates) =>
        candidates.OrderByDescending(c => c.Published).ThenBy(c => c.PostUri, StringComparer.Ordinal);

    /// <summary>The frame of a part of this ranking: <paramref name="postUris"/> (in their order, taken from
    /// it) beside this frame's chronological order without the <paramref name="excluded"/> posts.</summary>
    public AuditFrame Part(IReadOnlyList<string> postUris, Func<string, bool> excluded)
    {
        var known = new Dictionary<string, ServedPost>(StringComparer.Ordinal);
        foreach (var post in Ranked)
            if (post is not null)
                known.TryAdd(post.Uri, post);
        return new AuditFrame(postUris.Select(u => known.GetValueOrDefault(u)).ToList(),
            Chronological.Where(p => p is null || !excluded(p.Uri)).Take(postUris.Count).ToList());
    }

    /// <summary>The frame without some posts (e.g. those a refreshed window already showed), in both orders.</summary>
    public AuditFrame Without(Func<string, bool> excluded) =>
        new(Ranked.Where(p => p is null || !excluded(p.Uri)).ToList(), Chronological.Where(p => p is null || !excluded(p.Uri)).ToList());

    /// <summary>The serve of the given positions, or null when none of them holds a known post.</summary>
    public ServedPage? Serve(string feed, ServedSurface surface, IEnumerable<int> positions, DateTimeOffset at)
    {
        var served = new List<ServedPosition>();
        foreach (var p in positions)
            if (p >= 0 && p < Ranked.Count && Ranked[p] is { } post)
                served.Add(new ServedPosition(p, post, p < Chronological.Count ? Chronological[p] : null));
        return served.Count == 0 ? null : new ServedPage(feed, surface, at, served);
    }

    /// <summary>The serve of positions <paramref name="from"/> to <paramref name="from"/>+<paramref name="count"/>-1.</summary>
    public ServedPage? Serve(string feed, ServedSurface surface, int from, int count, DateTimeOffset at) =>
        Serve(feed, surface, Enumerable.Range(Math.Max(0, from), Math.Max(0, count)), at);
}
