using Middleware.Ranking.Coordination;

namespace Middleware.Ranking.Bridging;

/// <summary>The ratings the model is fitted on, grouped once by rater and once by post, so each
/// alternating update reads one rater's or one post's ratings in sequence.</summary>
/// <remarks>Values: a favourite or boost is 1 (weight 1); an explicit disagreement is 0 (weight
/// <see cref="BridgingOptions.DisagreeWeight"/>); served without an endorsement is 0 (weight
/// <see cref="BridgingOptions.SeenWeight"/>); a sampled unobserved pair is 0 (weight
/// <see cref="BridgingOptions.UnobservedWeight"/>). A group of accounts found acting together counts
/// as one voice on any post: each member's rating of a post is divided by the number of members who
/// rated it, and each member's sampled pairs by the group's size.</remarks>
internal sealed class RatingMatrix
{
    public required int Raters { get; init; }
    public required int Posts { get; init; }

    /// <summary>All ratings, observed and sampled.</summary>
    public required int Count { get; init; }

    /// <summary>Of the ratings, how many are sampled unobserved pairs (numbered last).</summary>
    public required int ImplicitNegatives { get; init; }

    /// <summary>Σ weight over all ratings.</summary>
    public required double TotalWeight { get; init; }

    /// <summary>Σ weight · value over all ratings.</summary>
    public required double WeightedSum { get; init; }

    /// <summary>The entries grouped by rater: <c>Other</c> is the post.</summary>
    public required RatingRows ByRater { get; init; }

    /// <summary>The entries grouped by post: <c>Other</c> is the rater.</summary>
    public required RatingRows ByPost { get; init; }

    /// <summary>True for a rating (by its <see cref="RatingRows.Entry"/>) that was observed rather than sampled.</summary>
    public bool IsObserved(int entry) => entry < Count - ImplicitNegatives;

    public static RatingMatrix Build(RatingPairs pairs, CoordinationResult coordination, BridgingOptions options, CancellationToken ct)
    {
        var voices = OneVoice(pairs, coordination);
        var negatives = UnobservedNegatives.Sample(pairs, options, ct);
        var observed = pairs.Items.Length;
        var n = observed + negatives.Count;
        var raterOf = new int[n];
        var postOf = new int[n];
        var value = new float[n];
        var weight = new float[n];
        for (var i = 0; i < observed; i++)
        {
            ref readonly var p = ref pairs.Items[i];
            raterOf[i] = p.Rater;
            postOf[i] = p.Post;
            (value[i], weight[i]) = p.Evidence switch
            {
                _ when (p.Evidence & Evidence.Endorsed) != 0 => (1f, 1f),
                _ when (p.Evidence & Evidence.Disagreed) != 0 => (0f, (float)options.DisagreeWeight),
                _ => (0f, (float)options.SeenWeight),
            };
            var g = coordination.GroupOf[p.Rater];
            if (g >= 0)
                weight[i] /= voices[(g, p.Post)];
        }
        for (var k = 0; k < negatives.Count; k++)
        {
            var (rater, post) = negatives[k];
            raterOf[observed + k] = rater;
            postOf[observed + k] = post;
            var g = coordination.GroupOf[rater];
            weight[observed + k] = (float)options.UnobservedWeight / (g < 0 ? 1 : coordination.Groups[g].Members.Length);
        }
        ct.ThrowIfCancellationRequested();
        double totalWeight = 0, weightedSum = 0;
        for (var i = 0; i < n; i++)
        {
            totalWeight += weight[i];
            weightedSum += weight[i] * value[i];
        }
        return new RatingMatrix
        {
            Raters = pairs.RaterCount, Posts = pairs.PostCount, Count = n, ImplicitNegatives = negatives.Count,
            TotalWeight = totalWeight, WeightedSum = weightedSum,
            ByRater = RatingRows.Group(raterOf, pairs.RaterCount, postOf, value, weight),
            ByPost = RatingRows.Group(postOf, pairs.PostCount, raterOf, value, weight),
        };
    }

    /// <summary>Per (group, post), how many of the group's members rated the post.</summary>
    private static Dictionary<(int Group, int Post), int> OneVoice(RatingPairs pairs, CoordinationResult coordination)
    {
        var voices = new Dictionary<(int, int), int>();
        if (coordination.Groups.Count == 0)
            return voices;
        foreach (ref readonly var p in pairs.Items.AsSpan())
        {
            var g = coordination.GroupOf[p.Rater];
            if (g >= 0)
                voices[(g, p.Post)] = voices.GetValueOrDefault((g, p.Post)) + 1;
        }
        return voices;
    }
}
