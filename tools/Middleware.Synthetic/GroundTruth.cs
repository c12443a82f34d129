namespace Middleware.Synthetic;

/// <summary>Measures a ranking and a set of flagged accounts against a synthetic audience's truth.</summary>
public static class GroundTruth
{
    /// <summary>Share of the first <paramref name="k"/> posts that carry the label.</summary>
    public static double PrecisionAt(IReadOnlyList<string> ranking, SyntheticData data, int k = 10, PostLabel label = PostLabel.Bridging)
    {
        var relevant = data.Labelled(label);
        var top = ranking.Take(k).ToList();
        return top.Count == 0 ? 0 : (double)top.Count(relevant.Contains) / top.Count;
    }

    /// <summary>The chance that a post with the label is ranked above one without (ROC AUC): 1 is a
    /// perfect ranking, 0.5 a random one. Posts missing from the ranking count as ranked last.</summary>
    public static double Auc(IReadOnlyList<string> ranking, SyntheticData data, PostLabel label = PostLabel.Bridging)
    {
        var relevant = data.Labelled(label);
        var position = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < ranking.Count; i++)
            position.TryAdd(ranking[i], i);
        var ranks = data.Posts.Select(p => (Rank: position.GetValueOrDefault(p.Uri, ranking.Count), Relevant: relevant.Contains(p.Uri)))
            .OrderBy(x => x.Rank).ToList();
        double above = 0, others = 0;
        var positives = 0;
        foreach (var (_, isRelevant) in ranks)
        {
            if (isRelevant)
            {
                positives++;
                continue;
            }
            above += positives;
            others++;
        }
        return positives == 0 || others == 0 ? 0 : above / (positives * others);
    }

    /// <summary>Share of the coordinated accounts that were flagged (1 when there are none).</summary>
    public static double Recall(IReadOnlySet<string> flagged, SyntheticData data) =>
        data.CoordinatedAccounts.Count == 0 ? 1 : (double)data.CoordinatedAccounts.Count(flagged.Contains) / data.CoordinatedAccounts.Count;

    /// <summary>Share of the organic accounts (those that made any signal) that were flagged.</summary>
    public static double OrganicFlagged(IReadOnlySet<string> flagged, SyntheticData data)
    {
        var active = data.Ratings.Select(r => r.Rater).ToHashSet(StringComparer.Ordinal);
        var organic = data.Organic.Where(active.Contains).ToList();
        return organic.Count == 0 ? 0 : (double)organic.Count(flagged.Contains) / organic.Count;
    }

    /// <summary>Position (0-based) of the bot target in the ranking, or -1 without one.</summary>
    public static int TargetRank(IReadOnlyList<string> ranking, SyntheticData data) =>
        data.BotTarget is { } target ? IndexOf(ranking, target) : -1;

    private static int IndexOf(IReadOnlyList<string> ranking, string uri)
    {
        for (var i = 0; i < ranking.Count; i++)
        {
            if (ranking[i] == uri)
                return i;
        }
        return ranking.Count;
    }
}
