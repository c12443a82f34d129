using Middleware.Ranking;

namespace Middleware.Replay;

/// <summary>What one ranker's top N looked like at one hour.</summary>
/// <param name="Gini">Gini coefficient of exposure (places in the top N) over the authors of all candidates.</param>
/// <param name="Jaccard">Overlap of the top N with chronological's: |A ∩ B| / |A ∪ B|.</param>
/// <param name="Flagged">Places in the top N given to posts endorsed mainly (≥ half) by flagged coordinated groups.</param>
/// <param name="Precision">Share of the top N with the relevant ground-truth label, or null without ground truth.</param>
public sealed record HourFigures(int Shown, double Gini, double Jaccard, int Flagged, double? Precision);

/// <summary>The figures of the report, each one small enough to check by hand.</summary>
public static class ReplayMetrics
{
    /// <summary>A post counts as pushed by coordinated groups when at least this share of its endorsers is in one.</summary>
    public const double FlaggedScore = 0.5;

    public static HourFigures Measure(IReadOnlyList<Candidate> pool, IReadOnlyList<Candidate> top, IReadOnlyList<Candidate> chronological,
        IReadOnlyDictionary<string, string>? truth, string relevant)
    {
        var exposure = pool.Select(c => c.Author).Distinct(StringComparer.Ordinal).ToDictionary(a => a, _ => 0.0, StringComparer.Ordinal);
        foreach (var c in top)
            exposure[c.Author]++;
        double? precision = truth is null || top.Count == 0
            ? null
            : (double)top.Count(c => truth.TryGetValue(c.PostUri, out var label) && label == relevant) / top.Count;
        return new HourFigures(top.Count, Gini(exposure.Values), Jaccard(top.Select(c => c.PostUri), chronological.Select(c => c.PostUri)),
            top.Count(c => c.CoordinationScore >= FlaggedScore), precision);
    }

    /// <summary>0 when every value is equal (or all are 0), approaching 1 when one holds everything:
    /// G = Σᵢ (2i − n − 1) xᵢ / (n Σ x), the values sorted ascending, i from 1.</summary>
    public static double Gini(IEnumerable<double> values)
    {
        var x = values.Order().ToArray();
        var sum = x.Sum();
        if (x.Length == 0 || sum == 0)
            return 0;
        var weighted = 0.0;
        for (var i = 0; i < x.Length; i++)
            weighted += (2.0 * (i + 1) - x.Length - 1) * x[i];
        return weighted / (x.Length * sum);
    }

    /// <summary>|A ∩ B| / |A ∪ B|; 1 when both are empty.</summary>
    public static double Jaccard(IEnumerable<string> a, IEnumerable<string> b)
    {
        var left = a.ToHashSet(StringComparer.Ordinal);
        var right = b.ToHashSet(StringComparer.Ordinal);
        var union = left.Union(right).Count();
        return union == 0 ? 1 : (double)left.Intersect(right).Count() / union;
    }
}
