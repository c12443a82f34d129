using Middleware.Core.Ranking;

namespace Middleware.Synthetic;

/// <summary>The organic accounts' behaviour: each sees posts (more visible ones more often), and
/// endorses, disagrees or replies by its community's appeal for the post.</summary>
internal static class Audience
{
    public static void React(SyntheticOptions o, Random random, SyntheticAudience.Account[] accounts, List<SyntheticPost> posts,
        SyntheticAudience.Appeal[] appeal, List<RatingSignal> ratings, List<SyntheticReply> replies)
    {
        var cumulative = new double[posts.Count];
        var total = 0.0;
        for (var p = 0; p < posts.Count; p++)
            cumulative[p] = total += appeal[p].Visibility;

        var seen = new HashSet<int>();
        foreach (var account in accounts)
        {
            var shown = Math.Min(posts.Count, Math.Max(1, (int)Math.Round(o.SeenPerUser * account.Activity)));
            seen.Clear();
            for (var attempt = 0; attempt < 4 * shown && seen.Count < shown; attempt++)
            {
                var p = Array.BinarySearch(cumulative, random.NextDouble() * total);
                p = p < 0 ? ~p : p;
                if (seen.Add(p))
                    React(o, random, account, posts[p], appeal[p], ratings, replies);
            }
        }
    }

    private static void React(SyntheticOptions o, Random random, SyntheticAudience.Account account, SyntheticPost post,
        SyntheticAudience.Appeal appeal, List<RatingSignal> ratings, List<SyntheticReply> replies)
    {
        var at = ReactionTime(o, random, post);
        if (at > o.Now)
            return;
        if (account.Recorded)
            ratings.Add(new RatingSignal(account.Uri, post.Uri, RatingKind.Seen, at));

        var own = account.InA ? appeal.A : appeal.B;
        var partisan = post.Label is PostLabel.PartisanA or PostLabel.PartisanB or PostLabel.BotTarget;
        if (random.NextDouble() < own + o.Noise)
        {
            var first = random.NextDouble() < appeal.BoostShare ? RatingKind.Boost : RatingKind.Favourite;
            ratings.Add(new RatingSignal(account.Uri, post.Uri, first, Before(o, at + Seconds(random, 120))));
            if (random.NextDouble() < 0.15)
            {
                var second = first == RatingKind.Boost ? RatingKind.Favourite : RatingKind.Boost;
                ratings.Add(new RatingSignal(account.Uri, post.Uri, second, Before(o, at + Seconds(random, 180))));
            }
        }
        else if (account.Recorded && partisan && own < 0.1 && random.NextDouble() < 0.05)
        {
            ratings.Add(new RatingSignal(account.Uri, post.Uri, RatingKind.Disagree, Before(o, at + Seconds(random, 60))));
        }
        // Partisan posts draw arguments from both sides: replies are not endorsements.
        if (random.NextDouble() < (partisan ? 0.06 : 0.02))
            replies.Add(new SyntheticReply(account.Uri, post.Uri, Before(o, at + Seconds(random, 300))));
    }

    /// <summary>Spread: some hours after publication. Burst: somewhere in the news moment.</summary>
    public static DateTimeOffset ReactionTime(SyntheticOptions o, Random random, SyntheticPost post) => o.Timing == Timing.Burst
        ? o.BurstStart + o.BurstLength * random.NextDouble()
        : post.Published + o.MeanReactionDelay * -Math.Log(1 - random.NextDouble());

    private static TimeSpan Seconds(Random random, double max) => TimeSpan.FromSeconds(max * random.NextDouble());

    private static DateTimeOffset Before(SyntheticOptions o, DateTimeOffset at) => at > o.Now ? o.Now : at;
}
