namespace Middleware.Replay;

/// <summary>One ranker's figures over the whole replay.</summary>
/// <param name="FlaggedShare">Places given to posts pushed by coordinated groups ÷ all places shown.</param>
/// <param name="Amplification">Its <see cref="FlaggedShare"/> ÷ chronological's: above 1 the ranker
/// amplified the flagged groups beyond the baseline; null when chronological showed none of their posts.</param>
public sealed record RankerSummary(string Ranker, double MeanGini, double MeanJaccard, double FlaggedShare, double? Amplification,
    double? MeanPrecision, int Fallbacks);

public static class ReplaySummary
{
    public static IReadOnlyList<RankerSummary> Of(IReadOnlyList<ReplayHour> hours, IReadOnlyList<string> rankers)
    {
        double Share(string r)
        {
            var shown = hours.Sum(h => h.Figures[r].Shown);
            return shown == 0 ? 0 : (double)hours.Sum(h => h.Figures[r].Flagged) / shown;
        }
        var baseline = Share(rankers[0]);
        return rankers.Select(r =>
        {
            var figures = hours.Select(h => h.Figures[r]).ToList();
            var precision = figures.Where(f => f.Precision is not null).Select(f => f.Precision!.Value).ToList();
            return new RankerSummary(r,
                figures.Count == 0 ? 0 : figures.Average(f => f.Gini),
                figures.Count == 0 ? 0 : figures.Average(f => f.Jaccard),
                Share(r),
                baseline == 0 ? null : Share(r) / baseline,
                precision.Count == 0 ? null : precision.Average(),
                hours.Count(h => h.Fallbacks.ContainsKey(r)));
        }).ToList();
    }
}
