using Middleware.Core.Ranking;
using Middleware.Ranking;

namespace Middleware.Synthetic;

/// <summary>The synthetic posts as ranking candidates, with the features the store would compute
/// (distinct boosting and favouriting accounts, replies, impressions, disagreements).</summary>
public static class SyntheticCandidates
{
    public static IReadOnlyList<Candidate> From(SyntheticData data)
    {
        var boosts = Distinct(data, RatingKind.Boost);
        var favourites = Distinct(data, RatingKind.Favourite);
        var impressions = Distinct(data, RatingKind.Seen);
        var disagreements = Distinct(data, RatingKind.Disagree);
        var replies = data.Replies.GroupBy(r => r.Post).ToDictionary(g => g.Key, g => g.Count());
        var engagers = data.Ratings.Where(r => r.Kind is RatingKind.Boost or RatingKind.Favourite).Select(r => (r.Post, r.Rater))
            .Concat(data.Replies.Select(r => (r.Post, Rater: r.Actor)))
            .Distinct()
            .GroupBy(x => x.Post)
            .ToDictionary(g => g.Key, g => g.Count());

        return data.Posts.Select(p => new Candidate
        {
            PostUri = p.Uri,
            Author = p.Author,
            Instance = new Uri(p.Author).Host,
            Published = p.Published,
            Boosts = boosts.GetValueOrDefault(p.Uri),
            Favourites = favourites.GetValueOrDefault(p.Uri),
            Replies = replies.GetValueOrDefault(p.Uri),
            DistinctEngagers = engagers.GetValueOrDefault(p.Uri),
            Impressions = impressions.GetValueOrDefault(p.Uri),
            Disagreements = disagreements.GetValueOrDefault(p.Uri),
            Language = p.Language,
            Text = p.Text,
            Length = p.Text.Length,
        }).ToList();
    }

    private static Dictionary<string, int> Distinct(SyntheticData data, RatingKind kind) =>
        data.Ratings.Where(r => r.Kind == kind)
            .GroupBy(r => r.Post)
            .ToDictionary(g => g.Key, g => g.Select(r => r.Rater).Distinct().Count());
}
