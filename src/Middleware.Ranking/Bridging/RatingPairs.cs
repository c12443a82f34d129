using Middleware.Core.Ranking;

namespace Middleware.Ranking.Bridging;

/// <summary>What one rater did with one post, all its signals together.</summary>
[Flags]
internal enum Evidence : byte
{
    None = 0,
    Seen = 1,
    Endorsed = 2,
    Disagreed = 4,
}

/// <summary>One (rater, post) pair: what the rater did and when it first acted on the post.</summary>
internal struct RaterPost
{
    public int Rater;
    public int Post;
    public Evidence Evidence;
    /// <summary>Unix seconds of the first favourite, boost or disagreement (a choice the rater made,
    /// unlike an impression); meaningful with <see cref="Evidence.Endorsed"/> or <see cref="Evidence.Disagreed"/>.</summary>
    public long ActedAt;
}

/// <summary>The signals collapsed to one entry per (rater, post), sorted by rater then post, so
/// that a favourite and a boost of one post count once and a rater's posts can be searched.</summary>
internal sealed class RatingPairs(RaterPost[] items, int[] raterStart, bool[] raterWasServed, int postCount)
{
    public RaterPost[] Items { get; } = items;

    /// <summary>Rater r's pairs are <c>Items[RaterStart[r]..RaterStart[r + 1]]</c>.</summary>
    public int[] RaterStart { get; } = raterStart;

    /// <summary>True for raters with an impression or a disagreement: we know some of what they
    /// passed over, so they need no sampled negatives.</summary>
    public bool[] RaterWasServed { get; } = raterWasServed;

    public int RaterCount => RaterStart.Length - 1;
    public int PostCount { get; } = postCount;

    /// <summary>True when the rater has any signal about the post.</summary>
    public bool Has(int rater, int post)
    {
        var from = RaterStart[rater];
        var span = Items.AsSpan(from, RaterStart[rater + 1] - from);
        int lo = 0, hi = span.Length - 1;
        while (lo <= hi)
        {
            var mid = (lo + hi) >>> 1;
            var p = span[mid].Post;
            if (p == post)
                return true;
            if (p < post)
                lo = mid + 1;
            else
                hi = mid - 1;
        }
        return false;
    }

    public static RatingPairs Collapse(RatingLog log, CancellationToken ct)
    {
        var n = log.Count;
        var keys = new long[n];
        var order = new int[n];
        var raterOf = log.RaterOf;
        var postOf = log.PostOf;
        for (var i = 0; i < n; i++)
        {
            keys[i] = ((long)raterOf[i] << 32) | (uint)postOf[i];
            order[i] = i;
        }
        Array.Sort(keys, order);
        ct.ThrowIfCancellationRequested();

        var items = new List<RaterPost>(n);
        var raterStart = new int[log.Raters.Count + 1];
        var served = new bool[log.Raters.Count];
        var kinds = log.KindOf;
        var seconds = log.SecondsOf;
        for (var i = 0; i < n;)
        {
            var key = keys[i];
            var pair = new RaterPost { Rater = raterOf[order[i]], Post = postOf[order[i]], ActedAt = long.MaxValue };
            for (; i < n && keys[i] == key; i++)
            {
                var s = order[i];
                switch ((RatingKind)kinds[s])
                {
                    case RatingKind.Favourite or RatingKind.Boost:
                        pair.Evidence |= Evidence.Endorsed;
                        pair.ActedAt = Math.Min(pair.ActedAt, seconds[s]);
                        break;
                    case RatingKind.Disagree:
                        pair.Evidence |= Evidence.Disagreed;
                        pair.ActedAt = Math.Min(pair.ActedAt, seconds[s]);
                        break;
                    case RatingKind.Seen:
                        pair.Evidence |= Evidence.Seen;
                        break;
                }
            }
            if ((pair.Evidence & (Evidence.Seen | Evidence.Disagreed)) != 0)
                served[pair.Rater] = true;
            raterStart[pair.Rater + 1]++;
            items.Add(pair);
        }
        for (var r = 0; r < log.Raters.Count; r++)
            raterStart[r + 1] += raterStart[r];
        return new RatingPairs(items.ToArray(), raterStart, served, log.Posts.Count);
    }
}
