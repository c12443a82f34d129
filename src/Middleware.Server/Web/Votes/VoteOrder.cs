using Middleware.Core.Signals;
using Middleware.Ranking;
using Middleware.Ranking.Bridging;

namespace Middleware.Server.Web.Votes;

/// <summary>In which order the vote page asks about a feed's posts: where a vote teaches the bridging
/// model most first. The fewest weighted ratings first (no ratings at all counts as none), then the
/// least settled score: a post still in cold start before a scored one, and among scored ones the
/// score nearest zero, the value the model's regularisation pulls every score towards when evidence
/// is thin. Ties go to the post higher in the feed, then to the smaller URI: the same inputs always
/// give the same order. Posts the person voted on (passes included) are skipped.</summary>
public static class VoteOrder
{
    /// <summary>Every post of the feed, in asking order.</summary>
    public static IReadOnlyList<string> Order(IReadOnlyList<RankedItem> feed, Func<string, BridgingPostEvidence?> evidence)
    {
        var posts = new OpenPost[feed.Count];
        for (var i = 0; i < feed.Count; i++)
        {
            var uri = feed[i].PostUri;
            var known = evidence(uri);
            posts[i] = new OpenPost(uri, i, known?.WeightedRatings ?? 0, known is { Scored: true }, known is { Scored: true } ? Math.Abs(known.Score) : 0);
        }
        Array.Sort(posts, Compare);
        return Array.ConvertAll(posts, p => p.Uri);
    }

    /// <summary>The posts of an asking order (<see cref="Order"/>, worked out once per snapshot) that the
    /// person has not voted on.</summary>
    public static IEnumerable<string> Unvoted(IReadOnlyList<string> order, IReadOnlyDictionary<string, SignalEvent> votes) =>
        order.Where(uri => !votes.ContainsKey(uri));

    private static int Compare(OpenPost a, OpenPost b)
    {
        var order = a.Ratings.CompareTo(b.Ratings);
        if (order == 0)
            order = a.Scored.CompareTo(b.Scored);
        if (order == 0)
            order = a.Distance.CompareTo(b.Distance);
        if (order == 0)
            order = a.Position.CompareTo(b.Position);
        return order != 0 ? order : string.CompareOrdinal(a.Uri, b.Uri);
    }

    private readonly record struct OpenPost(string Uri, int Position, double Ratings, bool Scored, double Distance);
}
