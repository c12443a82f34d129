namespace Middleware.Ranking.Scoring;

/// <summary>The best few of many scored candidates, best first. A feed page shows tens of posts out
/// of thousands of candidates, so a bounded heap (n log k) beats sorting everything (n log n).</summary>
internal static class TopSelection
{
    /// <summary>The first <paramref name="count"/> of <paramref name="indices"/> (candidate
    /// indices, <paramref name="length"/> of them) in <paramref name="order"/>.</summary>
    public static int[] Select(int[] indices, int length, int count, ScoreOrder order)
    {
        count = Math.Min(count, length);
        if (count <= 0)
            return [];
        if (count * 4 >= length)
            return SortPrefix(indices, length, count, order);

        // A heap whose top is the worst of the best so far: a candidate replaces it only when better.
        var worstFirst = Comparer<int>.Create((x, y) => order.Compare(y, x));
        var heap = new PriorityQueue<int, int>(count, worstFirst);
        for (var i = 0; i < length; i++)
        {
            var candidate = indices[i];
            if (heap.Count < count)
                heap.Enqueue(candidate, candidate);
            else if (order.Compare(candidate, heap.Peek()) < 0)
                heap.DequeueEnqueue(candidate, candidate);
        }
        var best = new int[heap.Count];
        for (var i = best.Length - 1; i >= 0; i--)
            best[i] = heap.Dequeue();
        return best;
    }

    private static int[] SortPrefix(int[] indices, int length, int count, ScoreOrder order)
    {
        var copy = indices.AsSpan(0, length).ToArray();
        Array.Sort(copy, order);
        return count == length ? copy : copy[..count];
    }
}
