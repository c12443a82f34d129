using Middleware.Core.Ranking;

namespace Middleware.Synthetic;

/// <summary>A cheap botnet: accounts made in the last days, spread over the organic instances, that
/// all boost one community-A partisan post (relabelled <see cref="PostLabel.BotTarget"/>) within
/// <see cref="SyntheticOptions.CoordinationWindow"/>, and each boost <see cref="SyntheticOptions.CoverPosts"/>
/// random other posts on their own, at the organic audience's timing, so that no two of them share
/// more than the target: only the target ties them together.</summary>
internal static class Botnet
{
    public static IReadOnlyList<string> Act(SyntheticOptions o, Random random, List<SyntheticPost> posts, List<RatingSignal> ratings,
        Dictionary<string, DateTimeOffset> created)
    {
        if (o.CoordinatedAccounts == 0)
            return [];
        var accounts = Attackers.Accounts(o.CoordinatedAccounts, "n");
        var (_, target) = Attackers.Target(o, posts);
        if (target < 0)
            return [];
        posts[target] = posts[target] with { Label = PostLabel.BotTarget };
        // Spread: some minutes after publication. Burst: inside the news moment.
        var start = o.Timing == Timing.Burst
            ? o.BurstStart + (o.BurstLength - o.CoordinationWindow) * random.NextDouble()
            : posts[target].Published + TimeSpan.FromMinutes(10 + 50 * random.NextDouble());

        foreach (var account in accounts)
        {
            var at = start + o.CoordinationWindow * random.NextDouble();
            ratings.Add(new RatingSignal(account, posts[target].Uri, RatingKind.Boost, at));
            var first = at;
            var cover = new HashSet<int> { target };
            while (cover.Count <= Math.Min(o.CoverPosts, posts.Count - 1))
            {
                var p = random.Next(posts.Count);
                if (!cover.Add(p))
                    continue;
                var when = Audience.ReactionTime(o, random, posts[p]);
                if (when > o.Now)
                    when = o.Now;
                ratings.Add(new RatingSignal(account, posts[p].Uri, RatingKind.Boost, when));
                if (when < first)
                    first = when;
            }
            created[account] = first - TimeSpan.FromHours(1) - (o.BotAccountAge - TimeSpan.FromHours(1)) * random.NextDouble();
        }
        return accounts;
    }
}
