namespace Middleware.Ranking.Recipes;

/// <summary>Interleaves several rankings in proportion to their weights by smooth weighted
/// round-robin: at each position every ranking gains its weight in credit, the one with the most
/// credit (the first listed on a tie) places its best post not yet placed and pays the total weight.
/// A 0.7/0.3 blend so places 7 of every 10 posts from the first ranking, spread evenly rather than
/// in runs, and the result depends only on the inputs.</summary>
internal static class BlendInterleaver
{
    /// <summary>Up to <paramref name="limit"/> items, each with the index of the ranking that placed
    /// it. A post already placed is skipped; a ranking that runs out stops taking turns.</summary>
    public static List<(RankedItem Item, int Part)> Interleave(IReadOnlyList<IReadOnlyList<RankedItem>> rankings, IReadOnlyList<double> weights, int limit)
    {
        var credit = new double[rankings.Count];
        var next = new int[rankings.Count];
        var active = new bool[rankings.Count];
        for (var p = 0; p < rankings.Count; p++)
            active[p] = rankings[p].Count > 0;
        var placed = new HashSet<string>(StringComparer.Ordinal);
        var result = new List<(RankedItem, int)>(limit);

        while (result.Count < limit)
        {
            var total = 0.0;
            var pick = -1;
            for (var p = 0; p < rankings.Count; p++)
            {
                if (!active[p])
                    continue;
                credit[p] += weights[p];
                total += weights[p];
                if (pick < 0 || credit[p] > credit[pick])
                    pick = p;
            }
            if (pick < 0)
                break;
            credit[pick] -= total;
            if (TakeNext(rankings[pick], ref next[pick], placed) is { } item)
                result.Add((item, pick));
            if (next[pick] >= rankings[pick].Count)
                active[pick] = false;
        }
        return result;
    }

    private static RankedItem? TakeNext(IReadOnlyList<RankedItem> ranking, ref int next, HashSet<string> placed)
    {
        while (next < ranking.Count)
        {
            var item = ranking[next++];
            if (placed.Add(item.PostUri))
                return item;
        }
        return null;
    }
}
