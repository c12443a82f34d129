namespace Middleware.Ranking.Coordination;

/// <summary>Groups from tied pairs in which every member is tied to at least
/// <see cref="CoordinationOptions.Density"/> of the others: dense groups, not chains. Each connected
/// set of ties is peeled, the least-tied member first, until the rest is dense; what was peeled off is
/// searched again on its own.</summary>
internal static class DenseGroups
{
    public static List<HashSet<int>> Find(List<TiedPair> pairs, double density, int minSize)
    {
        var neighbours = new Dictionary<int, HashSet<int>>();
        foreach (var p in pairs)
        {
            Neighbours(neighbours, p.A).Add(p.B);
            Neighbours(neighbours, p.B).Add(p.A);
        }
        var groups = new List<HashSet<int>>();
        var pending = new Stack<HashSet<int>>(Components(neighbours, neighbours.Keys));
        while (pending.Count > 0)
        {
            var set = pending.Pop();
            var peeled = Peel(set, neighbours, density);
            if (set.Count >= minSize)
                groups.Add(set);
            if (peeled.Count >= minSize)
            {
                foreach (var component in Components(neighbours, peeled))
                {
                    if (component.Count >= minSize && component.Count < set.Count + peeled.Count)
                        pending.Push(component);
                }
            }
        }
        return groups;
    }

    /// <summary>Removes the least-tied member while any member is tied to fewer than <paramref name="density"/>
    /// of the others; returns the removed ones.</summary>
    private static HashSet<int> Peel(HashSet<int> set, Dictionary<int, HashSet<int>> neighbours, double density)
    {
        var peeled = new HashSet<int>();
        var degree = set.ToDictionary(v => v, v => neighbours[v].Count(set.Contains));
        while (set.Count > 1)
        {
            var weakest = set.MinBy(v => (degree[v], v));
            if (degree[weakest] >= density * (set.Count - 1))
                break;
            set.Remove(weakest);
            peeled.Add(weakest);
            foreach (var n in neighbours[weakest])
            {
                if (set.Contains(n))
                    degree[n]--;
            }
        }
        if (set.Count == 1)
        {
            peeled.UnionWith(set);
            set.Clear();
        }
        return peeled;
    }

    private static List<HashSet<int>> Components(Dictionary<int, HashSet<int>> neighbours, IEnumerable<int> within)
    {
        var allowed = within.ToHashSet();
        var seen = new HashSet<int>();
        var components = new List<HashSet<int>>();
        foreach (var start in allowed.Order())
        {
            if (!seen.Add(start))
                continue;
            var component = new HashSet<int> { start };
            var queue = new Queue<int>([start]);
            while (queue.Count > 0)
            {
                foreach (var n in neighbours[queue.Dequeue()])
                {
                    if (allowed.Contains(n) && seen.Add(n))
                    {
                        component.Add(n);
                        queue.Enqueue(n);
                    }
                }
            }
            components.Add(component);
        }
        return components;
    }

    private static HashSet<int> Neighbours(Dictionary<int, HashSet<int>> neighbours, int v)
    {
        if (!neighbours.TryGetValue(v, out var set))
            neighbours[v] = set = [];
        return set;
    }
}
