namespace Middleware.Ranking.Bridging;

/// <summary>Zeros for raters of whom nothing was seen. Plain Mastodon gives only endorsements, and a
/// model fitted on 1s alone learns nothing (every rating is explained by the global mean). For a
/// rater with no impression and no disagreement on record, posts the rater did not endorse are
/// sampled in proportion to how often others endorsed them, as a stand-in for "was probably shown
/// it and passed": a popular post is the one most likely to have crossed their timeline.</summary>
internal static class UnobservedNegatives
{
    /// <summary>Per rater, at most this many: a very active account must not dominate the zeros.</summary>
    private const int MaxPerRater = 200;

    public static List<(int Rater, int Post)> Sample(RatingPairs pairs, BridgingOptions options, CancellationToken ct)
    {
        var result = new List<(int, int)>();
        if (options.UnobservedPerEndorsement <= 0 || options.UnobservedWeight <= 0)
            return result;

        // Every endorsement's post, once per endorsement: a uniform pick is a popularity-weighted pick.
        var endorsedPosts = new List<int>();
        foreach (ref readonly var p in pairs.Items.AsSpan())
        {
            if ((p.Evidence & Evidence.Endorsed) != 0)
                endorsedPosts.Add(p.Post);
        }
        if (endorsedPosts.Count == 0)
            return result;

        var random = new Random(options.Seed);
        var chosen = new HashSet<int>();
        for (var rater = 0; rater < pairs.RaterCount; rater++)
        {
            if (pairs.RaterWasServed[rater])
                continue;
            if ((rater & 0xFFF) == 0)
                ct.ThrowIfCancellationRequested();
            var rated = pairs.RaterStart[rater + 1] - pairs.RaterStart[rater];
            var wanted = Math.Min(MaxPerRater, Math.Min(pairs.PostCount - rated, (int)Math.Ceiling(rated * options.UnobservedPerEndorsement)));
            chosen.Clear();
            // A bounded number of draws: among few posts, most draws hit posts the rater rated.
            for (var attempt = 0; attempt < 4 * wanted && chosen.Count < wanted; attempt++)
            {
                var post = endorsedPosts[random.Next(endorsedPosts.Count)];
                if (!pairs.Has(rater, post) && chosen.Add(post))
                    result.Add((rater, post));
            }
        }
        return result;
    }
}
