namespace Middleware.Ranking.Recipes;

/// <summary>The order after a recipe's caps: at most N posts per author (or per instance) among the
/// first top-K. A post that would exceed a cap is deferred to just after the top-K, not dropped:
/// the cap spreads the top of the page, it does not hide anyone.</summary>
/// <param name="Order">Candidate indices in their final order.</param>
/// <param name="Deferred">Candidate indices that a cap moved down, with the reason.</param>
/// <param name="Exact">False when the walk needed more of the order than it was given: the caller
/// must select more candidates and apply the caps again.</param>
internal sealed record CappedOrder(int[] Order, IReadOnlyDictionary<int, string> Deferred, bool Exact);

internal static class DiversityCaps
{
    /// <summary>Applies <paramref name="caps"/> to <paramref name="ordered"/> (best first, a prefix of
    /// the whole order unless <paramref name="complete"/>), for a page of <paramref name="limit"/>.</summary>
    public static CappedOrder Apply(int[] ordered, bool complete, IReadOnlyList<Candidate> candidates, DiversityCapSettings caps, int limit)
    {
        var topK = caps.TopK ?? limit;
        var perAuthor = new Dictionary<string, int>(StringComparer.Ordinal);
        var perInstance = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        var accepted = new List<int>(Math.Min(topK, ordered.Length));
        var deferred = new Dictionary<int, string>();
        var deferredInOrder = new List<int>();
        var position = 0;
        for (; position < ordered.Length && accepted.Count < topK; position++)
        {
            var c = candidates[ordered[position]];
            var reason = caps.PerAuthor is { } maxAuthor && perAuthor.GetValueOrDefault(c.Author) >= maxAuthor
                ? $"Moved below the top {topK}: at most {Posts(maxAuthor)} per author there."
                : caps.PerInstance is { } maxInstance && perInstance.GetValueOrDefault(c.Instance) >= maxInstance
                    ? $"Moved below the top {topK}: at most {Posts(maxInstance)} per instance there."
                    : null;
            if (reason is not null)
            {
                deferred[ordered[position]] = reason;
                deferredInOrder.Add(ordered[position]);
            }
            else
            {
                accepted.Add(ordered[position]);
                perAuthor[c.Author] = perAuthor.GetValueOrDefault(c.Author) + 1;
                perInstance[c.Instance] = perInstance.GetValueOrDefault(c.Instance) + 1;
            }
        }

        var order = new int[ordered.Length];
        accepted.CopyTo(order);
        var at = accepted.Count;
        deferredInOrder.CopyTo(order, at);
        at += deferredInOrder.Count;
        ordered.AsSpan(position).CopyTo(order.AsSpan(at));
        return new CappedOrder(order, deferred, complete || accepted.Count >= topK);
    }

    private static string Posts(int count) => count == 1 ? "1 post" : $"{count} posts";
}
