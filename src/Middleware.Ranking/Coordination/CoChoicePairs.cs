using System.Runtime.InteropServices;

namespace Middleware.Ranking.Coordination;

/// <summary>Two accounts tied by repeated co-choices: choices of the same post, in the same direction,
/// within a window of each other.</summary>
internal readonly record struct TiedPair(int A, int B, int CoChoices, double Expected, double Log10Chance);

/// <summary>Post-selection similarity: pairs of accounts that keep choosing the same posts at the same
/// moments, more than either of two innocent explanations allows. (1) Being active at the same times:
/// with each account's choice times held fixed and its posts picked in proportion to their share of
/// everyone's choices then (<see cref="CollisionChance"/>), how many co-choices are expected? Sessions
/// and news moments, when many people act on the same few posts, raise this bar. (2) Liking the same
/// things: of the posts both chose at any time, how many would fall within a window of each other
/// given each post's own spread of choice times? People of one community share tastes, not minutes.
/// A pair is tied only when its co-choices are unlikely under both.</summary>
internal static class CoChoicePairs
{
    public static List<TiedPair> Find(ChoiceTimeline t, CoordinationOptions o, CancellationToken ct)
    {
        var window = (long)o.Window.TotalSeconds;
        var counts = new Dictionary<long, int>(MixedPairHash.Instance);
        for (var e = 0; e < t.Events; e++)
        {
            var (start, end) = (t.EventStart[e], t.EventStart[e + 1]);
            if (end - start < 2)
                continue;
            if ((e & 0x3FF) == 0)
                ct.ThrowIfCancellationRequested();
            var crowdEnd = start;
            for (var i = start; i < end; i++)
            {
                // Choices within the window after this one; a crowd is left to the burst scan.
                while (crowdEnd < end && t.At[crowdEnd] - t.At[i] <= window)
                    crowdEnd++;
                if (crowdEnd - i > o.MaxCrowd)
                    continue;
                for (var j = i + 1; j < crowdEnd; j++)
                {
                    int a = t.Rater[i], b = t.Rater[j];
                    var key = a < b ? ((long)a << 32) | (uint)b : ((long)b << 32) | (uint)a;
                    CollectionsMarshal.GetValueRefOrAddDefault(counts, key, out _)++;
                }
            }
        }

        var tied = new List<TiedPair>();
        var candidates = counts.Where(kv => kv.Value >= o.MinCoChoices
            && kv.Value >= o.Similarity * Math.Min(t.RaterChoices[(int)(kv.Key >>> 32)], t.RaterChoices[(int)(kv.Key & 0xFFFFFFFF)]))
            .ToList();
        if (candidates.Count == 0)
            return tied;
        var collision = CollisionChance.PerTile(t, o);
        var byRater = TimesByRater(t);
        var byEvent = ChoicesByRater(t);
        var closeness = Closeness(t, window);
        var bar = Math.Log10(o.PairSignificance);
        foreach (var (key, coChoices) in candidates)
        {
            ct.ThrowIfCancellationRequested();
            var (a, b) = ((int)(key >>> 32), (int)(key & 0xFFFFFFFF));
            var expected = Expected(byRater, a, b, window, t, collision);
            var byTime = Chance.PoissonTail(coChoices, expected);
            if (byTime > bar)
                continue;
            var (timed, expectedByTaste) = SharedTiming(byEvent, a, b, window, closeness);
            var byTaste = Chance.PoissonTail(timed, expectedByTaste);
            if (byTaste <= bar)
                tied.Add(new TiedPair(a, b, coChoices, Math.Max(expected, expectedByTaste), Math.Max(byTime, byTaste)));
        }
        return tied;
    }

    /// <summary>Of the posts both accounts chose (same direction), how many they chose within the
    /// window of each other, and how many that would be if each post's two choices fell at random
    /// times drawn from that post's own choices.</summary>
    private static (int Timed, double Expected) SharedTiming((int[] Start, int[] Event, long[] At) byRater, int a, int b, long window, double[] closeness)
    {
        var (start, events, at) = byRater;
        int i = start[a], j = start[b], timed = 0;
        double expected = 0;
        while (i < start[a + 1] && j < start[b + 1])
        {
            if (events[i] < events[j]) i++;
            else if (events[i] > events[j]) j++;
            else
            {
                expected += closeness[events[i]];
                if (Math.Abs(at[i] - at[j]) <= window)
                    timed++;
                i++;
                j++;
            }
        }
        return (timed, expected);
    }

    /// <summary>Per event, the share of pairs of its choices that fall within the window of each other.</summary>
    private static double[] Closeness(ChoiceTimeline t, long window)
    {
        var closeness = new double[t.Events];
        for (var e = 0; e < t.Events; e++)
        {
            var (start, end) = (t.EventStart[e], t.EventStart[e + 1]);
            var n = end - start;
            if (n < 2)
                continue;
            long close = 0;
            var hi = start;
            for (var i = start; i < end; i++)
            {
                while (hi < end && t.At[hi] - t.At[i] <= window)
                    hi++;
                close += hi - i - 1;
            }
            closeness[e] = (double)close / ((long)n * (n - 1) / 2);
        }
        return closeness;
    }

    /// <summary>Each rater's choices as (event, time), sorted by event: a counting sort by rater of the
    /// timeline, which is sorted by event already.</summary>
    private static (int[] Start, int[] Event, long[] At) ChoicesByRater(ChoiceTimeline t)
    {
        var raters = t.RaterChoices.Length;
        var start = new int[raters + 1];
        for (var r = 0; r < raters; r++)
            start[r + 1] = start[r] + t.RaterChoices[r];
        var next = start.AsSpan(0, raters).ToArray();
        var events = new int[t.Count];
        var at = new long[t.Count];
        for (var i = 0; i < t.Count; i++)
        {
            var k = next[t.Rater[i]]++;
            events[k] = t.Event[i];
            at[k] = t.At[i];
        }
        return (start, events, at);
    }

    /// <summary>Σ over a's choices of (b's choices within the window of it) × the collision chance then.</summary>
    private static double Expected((int[] Start, long[] At) byRater, int a, int b, long window, ChoiceTimeline t, double[] collision)
    {
        var (start, at) = byRater;
        double expected = 0;
        int lo = start[b], hi = start[b];
        for (var i = start[a]; i < start[a + 1]; i++)
        {
            while (lo < start[b + 1] && at[lo] < at[i] - window) lo++;
            if (hi < lo) hi = lo;
            while (hi < start[b + 1] && at[hi] <= at[i] + window) hi++;
            expected += (hi - lo) * collision[t.TileOf(at[i])];
        }
        return expected;
    }

    /// <summary>Each rater's choice times, sorted: rater r's are <c>At[Start[r]..Start[r + 1]]</c>.</summary>
    private static (int[] Start, long[] At) TimesByRater(ChoiceTimeline t)
    {
        var raters = t.RaterChoices.Length;
        var start = new int[raters + 1];
        for (var r = 0; r < raters; r++)
            start[r + 1] = start[r] + t.RaterChoices[r];
        var next = start.AsSpan(0, raters).ToArray();
        var at = new long[t.Count];
        for (var i = 0; i < t.Count; i++)
            at[next[t.Rater[i]]++] = t.At[i];
        for (var r = 0; r < raters; r++)
            Array.Sort(at, start[r], start[r + 1] - start[r]);
        return (start, at);
    }
}
