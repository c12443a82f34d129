namespace Middleware.Ranking.Bridging;

/// <summary>The ratings grouped by one side (compressed rows): row k holds positions
/// <c>Start[k]..Start[k + 1]</c> of <see cref="Other"/>, <see cref="Value"/> and
/// <see cref="Weight"/>. The values are copied in row order rather than reached through an index,
/// so an update pass reads memory in sequence; only the other side's parameters are read at random,
/// and they are small. (Through an index, a million ratings cost four cache misses each.)</summary>
internal sealed class RatingRows(int[] start, int[] other, float[] value, float[] weight, int[] entry)
{
    public int[] Start { get; } = start;

    /// <summary>The other side's index (the post in rows by rater, the rater in rows by post).</summary>
    public int[] Other { get; } = other;
    public float[] Value { get; } = value;
    public float[] Weight { get; } = weight;

    /// <summary>The position of the rating in <see cref="RatingMatrix"/>'s numbering (observed first).</summary>
    public int[] Entry { get; } = entry;

    public int Rows => Start.Length - 1;

    /// <summary>Counting sort by <paramref name="key"/>: O(n), stable.</summary>
    public static RatingRows Group(int[] key, int keyCount, int[] other, float[] value, float[] weight)
    {
        var start = new int[keyCount + 1];
        foreach (var k in key)
            start[k + 1]++;
        for (var k = 0; k < keyCount; k++)
            start[k + 1] += start[k];
        var next = start.AsSpan(0, keyCount).ToArray();
        var n = key.Length;
        var (o, v, w, e) = (new int[n], new float[n], new float[n], new int[n]);
        for (var i = 0; i < n; i++)
        {
            var at = next[key[i]]++;
            o[at] = other[i];
            v[at] = value[i];
            w[at] = weight[i];
            e[at] = i;
        }
        return new RatingRows(start, o, v, w, e);
    }
}
