using System.Runtime.InteropServices;

namespace Middleware.Ranking.Bridging;

/// <summary>Accounts found acting in lockstep, and the weight each account's ratings keep.</summary>
/// <param name="RaterWeight">1 for independent accounts, 1/size for members of a cluster, so a
/// cluster that endorses a post together weighs as one rater.</param>
/// <param name="ClusterOf">Per rater, a cluster number (0-based), or -1 when independent.</param>
internal sealed record LockstepResult(float[] RaterWeight, int[] ClusterOf, int Clusters, int AccountsDiscounted)
{
    public bool IsDiscounted(int rater) => ClusterOf[rater] >= 0;
}

/// <summary>Finds accounts whose choices of posts to endorse (or disagree with) coincide within short
/// windows, as Community Notes does before scoring: two such choices of one post within
/// <see cref="BridgingOptions.LockstepWindow"/> are counted per pair of accounts, a pair is linked
/// when the count reaches <see cref="BridgingOptions.LockstepMinCoRatings"/> and covers at least
/// <see cref="BridgingOptions.LockstepSimilarity"/> of the less active account's choices, and
/// linked accounts form clusters (union-find).</summary>
/// <remarks>Work is linear in choices: each is compared with at most
/// <see cref="BridgingOptions.LockstepNeighbours"/> later choices of the same post, never with
/// every other account.</remarks>
internal static class LockstepDetector
{
    /// <summary>Choices a rater makes: endorsing, and disagreeing (a cluster could bury a post as
    /// well as lift one). Impressions are not choices: the service decides what is shown.</summary>
    private const Evidence Acted = Evidence.Endorsed | Evidence.Disagreed;

    public static LockstepResult Detect(RatingPairs pairs, BridgingOptions options, CancellationToken ct)
    {
        var actionsPerRater = new int[pairs.RaterCount];
        var timeline = ActionsByPostAndTime(pairs, actionsPerRater);
        ct.ThrowIfCancellationRequested();
        var coRatings = CountCoRatings(timeline, (long)options.LockstepWindow.TotalSeconds, Math.Max(1, options.LockstepNeighbours));
        ct.ThrowIfCancellationRequested();

        var sets = new UnionFind(pairs.RaterCount);
        foreach (var (key, count) in coRatings)
        {
            var a = (int)(key >>> 32);
            var b = (int)(key & 0xFFFFFFFF);
            if (count >= options.LockstepMinCoRatings
                && count >= options.LockstepSimilarity * Math.Min(actionsPerRater[a], actionsPerRater[b]))
                sets.Union(a, b);
        }
        return Weigh(sets, pairs.RaterCount);
    }

    /// <summary>(post, seconds, rater) of every endorsement or disagreement, ordered by post then time.</summary>
    private static (long Key, int Rater)[] ActionsByPostAndTime(RatingPairs pairs, int[] actionsPerRater)
    {
        var origin = long.MaxValue;
        var count = 0;
        foreach (ref readonly var p in pairs.Items.AsSpan())
        {
            if ((p.Evidence & Acted) == 0)
                continue;
            origin = Math.Min(origin, p.ActedAt);
            actionsPerRater[p.Rater]++;
            count++;
        }
        var timeline = new (long Key, int Rater)[count];
        var i = 0;
        foreach (ref readonly var p in pairs.Items.AsSpan())
        {
            if ((p.Evidence & Acted) != 0)
                timeline[i++] = (((long)p.Post << 32) | (uint)(p.ActedAt - origin), p.Rater);
        }
        Array.Sort(timeline, static (x, y) => x.Key != y.Key ? x.Key.CompareTo(y.Key) : x.Rater.CompareTo(y.Rater));
        return timeline;
    }

    private static Dictionary<long, int> CountCoRatings((long Key, int Rater)[] timeline, long windowSeconds, int neighbours)
    {
        var counts = new Dictionary<long, int>(MixedPairHash.Instance);
        for (var i = 0; i < timeline.Length; i++)
        {
            var post = timeline[i].Key >>> 32;
            var at = timeline[i].Key & 0xFFFFFFFF;
            var last = Math.Min(timeline.Length - 1, i + neighbours);
            for (var j = i + 1; j <= last; j++)
            {
                var other = timeline[j].Key;
                if (other >>> 32 != post || (other & 0xFFFFFFFF) - at > windowSeconds)
                    break;
                int a = timeline[i].Rater, b = timeline[j].Rater;
                var key = a < b ? ((long)a << 32) | (uint)b : ((long)b << 32) | (uint)a;
                CollectionsMarshal.GetValueRefOrAddDefault(counts, key, out _)++;
            }
        }
        return counts;
    }

    private static LockstepResult Weigh(UnionFind sets, int raters)
    {
        var weight = new float[raters];
        var clusterOf = new int[raters];
        var numberOfRoot = new Dictionary<int, int>();
        var discounted = 0;
        for (var r = 0; r < raters; r++)
        {
            var size = sets.SizeOf(r);
            weight[r] = 1f / size;
            clusterOf[r] = -1;
            if (size == 1)
                continue;
            discounted++;
            var root = sets.Find(r);
            if (!numberOfRoot.TryGetValue(root, out var number))
                numberOfRoot[root] = number = numberOfRoot.Count;
            clusterOf[r] = number;
        }
        return new LockstepResult(weight, clusterOf, numberOfRoot.Count, discounted);
    }
}

/// <summary>A hash for (a, b) pair keys. <see cref="long.GetHashCode"/> folds the halves with XOR,
/// so pairs of small account numbers collide in a few thousand buckets and counting turns quadratic;
/// multiplying by an odd 64-bit constant spreads them.</summary>
internal sealed class MixedPairHash : IEqualityComparer<long>
{
    public static MixedPairHash Instance { get; } = new();

    public bool Equals(long x, long y) => x == y;

    public int GetHashCode(long key) => (int)((ulong)key * 0x9E3779B97F4A7C15UL >>> 32);
}
