using Middleware.Ranking.Bridging;

namespace Middleware.Ranking.Coordination;

/// <summary>Every choice an account made (an endorsement or a disagreement; impressions are the
/// service's choice, not theirs) as an event — one post and one direction — at a time, sorted by
/// event then time, with the activity of the whole audience counted in tiles of half a window, so
/// that "what was going on around then" is a subtraction of prefix sums.</summary>
internal sealed class ChoiceTimeline
{
    public required int[] Event { get; init; }
    public required int[] Rater { get; init; }
    /// <summary>Seconds since the first choice.</summary>
    public required long[] At { get; init; }
    /// <summary>Event e's choices are positions <c>EventStart[e]..EventStart[e + 1]</c>.</summary>
    public required int[] EventStart { get; init; }
    /// <summary>Choices per rater.</summary>
    public required int[] RaterChoices { get; init; }
    /// <summary>Per rater, the seconds of its first choice (long.MaxValue without choices).</summary>
    public required long[] RaterFirst { get; init; }
    public required long TileSeconds { get; init; }
    /// <summary>Choices of everyone before tile k: <c>Prefix[k]</c>; tiles beyond the range count 0.</summary>
    public required long[] Prefix { get; init; }
    /// <summary>Unix seconds of <see cref="At"/> = 0.</summary>
    public required long Origin { get; init; }

    public int Count => Event.Length;
    public int Events => EventStart.Length - 1;
    public int Tiles => Prefix.Length - 1;

    public static int PostOf(int e) => e >> 1;
    public static bool IsDisagreement(int e) => (e & 1) == 1;

    public long TileOf(long at) => at / TileSeconds;

    /// <summary>Everyone's choices in tiles [from, to), clipped to the range.</summary>
    public long Activity(long from, long to)
    {
        from = Math.Clamp(from, 0, Tiles);
        to = Math.Clamp(to, 0, Tiles);
        return to <= from ? 0 : Prefix[to] - Prefix[from];
    }

    /// <summary>The first position of event e at or after tile <paramref name="tile"/>.</summary>
    public int FirstAtOrAfter(int e, long tile)
    {
        int lo = EventStart[e], hi = EventStart[e + 1];
        var at = tile * TileSeconds;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (At[mid] < at) lo = mid + 1;
            else hi = mid;
        }
        return lo;
    }

    public static ChoiceTimeline Build(RatingPairs pairs, TimeSpan window)
    {
        var origin = long.MaxValue;
        var n = 0;
        foreach (ref readonly var p in pairs.Items.AsSpan())
        {
            if ((p.Evidence & (Evidence.Endorsed | Evidence.Disagreed)) == 0)
                continue;
            origin = Math.Min(origin, p.ActedAt);
            n++;
        }
        var keys = new long[n];
        var raterOf = new int[n];
        var raterChoices = new int[pairs.RaterCount];
        var raterFirst = new long[pairs.RaterCount];
        Array.Fill(raterFirst, long.MaxValue);
        var i = 0;
        foreach (ref readonly var p in pairs.Items.AsSpan())
        {
            if ((p.Evidence & (Evidence.Endorsed | Evidence.Disagreed)) == 0)
                continue;
            var e = p.Post * 2 + ((p.Evidence & Evidence.Endorsed) != 0 ? 0 : 1);
            var at = p.ActedAt - origin;
            keys[i] = ((long)e << 32) | (uint)at;
            raterOf[i] = p.Rater;
            raterChoices[p.Rater]++;
            raterFirst[p.Rater] = Math.Min(raterFirst[p.Rater], at);
            i++;
        }
        Array.Sort(keys, raterOf);

        var events = pairs.PostCount * 2;
        var eventStart = new int[events + 1];
        var eventOf = new int[n];
        var times = new long[n];
        var tileSeconds = Math.Max(1, (long)window.TotalSeconds / 2);
        long last = 0;
        for (var k = 0; k < n; k++)
        {
            eventOf[k] = (int)(keys[k] >>> 32);
            times[k] = (uint)keys[k];
            eventStart[eventOf[k] + 1]++;
            last = Math.Max(last, times[k]);
        }
        for (var e = 0; e < events; e++)
            eventStart[e + 1] += eventStart[e];

        var tiles = n == 0 ? 0 : last / tileSeconds + 1;
        var prefix = new long[tiles + 1];
        foreach (var t in times)
            prefix[t / tileSeconds + 1]++;
        for (var k = 0; k < tiles; k++)
            prefix[k + 1] += prefix[k];
        return new ChoiceTimeline
        {
            Event = eventOf, Rater = raterOf, At = times, EventStart = eventStart, RaterChoices = raterChoices,
            RaterFirst = raterFirst, TileSeconds = tileSeconds, Prefix = prefix, Origin = n == 0 ? 0 : origin,
        };
    }
}
