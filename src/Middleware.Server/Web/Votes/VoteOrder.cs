using Middleware.Core.Signals;
using Middleware.Ranking;
using Middleware.Ranking.Bridging;

namespace Middleware.Server.Web.Votes;

/// <summary>Which of a feed's posts a person is asked about next: where a vote teaches the bridging
/// model most. Posts the person voted on (passes included) are skipped; then the fewest weighted
/// ratings first (no ratings at all counts as none), then the least settled score: a post still in
/// cold start before a scored one, and among scored ones the score nearest zero, the value the
/// model's regularisation pulls every score towards when evidence is thin. Ties go to the post higher
/// in the feed, then to the smaller URI: the same inputs always give the same order.</summary>
public static class VoteOrder
{
    public static IReadOnlyList<string> Unvoted(
        IReadOnlyList<RankedItem> feed, IReadOnlyDictionary<string, SignalEvent> votes, Func<string, BridgingPostEvidence?> evidence)
    {
        var open = new List<OpenPost>(feed.Count);
        for (var i = 0; i < feed.Count; i++)
        {
            var uri = feed[i].PostUri;
            if (votes.ContainsKey(uri))
                continue;
            var known = evidence(uri);
            open.Add(new OpenPost(uri, i, known?.WeightedRatings ?? 0, known is { Scored: true }, known is { Scored: true } ? Math.Abs(known.Score) : 0));
        }
        return open
            .OrderBy(c => c.Ratings)
            .ThenBy(c => c.Scored)
            .ThenBy(c => c.Distance)
            .ThenBy(c => c.Position)
            .ThenBy(c => c.Uri, StringComparer.Ordinal)
            .Select(c => c.Uri)
            .ToList();
    }

    private sealed record OpenPost(string Uri, int Position, double Ratings, bool Scored, double Distance);
}
