namespace Middleware.Ranking.Scoring;

/// <summary>The order of a scored ranking over candidate indices: higher score first, then the newer
/// post, then the post id, so that equal scores still give one deterministic order.</summary>
internal sealed class ScoreOrder(double[] scores, IReadOnlyList<Candidate> candidates) : IComparer<int>
{
    /// <summary>Negative when candidate <paramref name="x"/> ranks before <paramref name="y"/>.</summary>
    public int Compare(int x, int y)
    {
        var byScore = scores[y].CompareTo(scores[x]);
        if (byScore != 0)
            return byScore;
        var byTime = candidates[y].Published.CompareTo(candidates[x].Published);
        return byTime != 0 ? byTime : string.CompareOrdinal(candidates[x].PostUri, candidates[y].PostUri);
    }
}
