using Middleware.Core.Ranking;

namespace Middleware.Synthetic;

/// <summary>A cluster of accounts that boost the same posts within minutes of each other, built to
/// fool a bridging ranker: half of it also boosts community-A partisan posts and half boosts
/// community-B ones (cover), so the cluster looks like support from both sides for its target, a
/// community-A partisan post (relabelled <see cref="PostLabel.BotTarget"/>). The accounts live on
/// the general and both community instances, and record no impressions.</summary>
internal static class CoordinatedCluster
{
    public static IReadOnlyList<string> Act(SyntheticOptions o, Random random, List<SyntheticPost> posts, List<RatingSignal> ratings)
    {
        if (o.CoordinatedAccounts == 0)
            return [];
        var accounts = Attackers.Accounts(o.CoordinatedAccounts, "m");
        var (old, target) = Attackers.Target(o, posts);
        if (target < 0)
            return [];
        var coverA = old.Where(p => p != target && posts[p].Label == PostLabel.PartisanA).Take(o.CoverPosts / 2).ToList();
        var coverB = old.Where(p => posts[p].Label == PostLabel.PartisanB).Take(o.CoverPosts - coverA.Count).ToList();
        posts[target] = posts[target] with { Label = PostLabel.BotTarget };

        var halfA = accounts.Where((_, k) => k % 2 == 0).ToList();
        var halfB = accounts.Where((_, k) => k % 2 == 1).ToList();
        Boost(o, random, posts[target], accounts, ratings);
        foreach (var p in coverA)
            Boost(o, random, posts[p], halfA, ratings);
        foreach (var p in coverB)
            Boost(o, random, posts[p], halfB, ratings);
        return accounts;
    }

    private static void Boost(SyntheticOptions o, Random random, SyntheticPost post, List<string> accounts, List<RatingSignal> ratings)
    {
        var start = post.Published + TimeSpan.FromMinutes(10 + 50 * random.NextDouble());
        foreach (var account in accounts)
        {
            var at = start + o.CoordinationWindow * random.NextDouble();
            ratings.Add(new RatingSignal(account, post.Uri, RatingKind.Boost, at));
            if (random.NextDouble() < 0.5)
                ratings.Add(new RatingSignal(account, post.Uri, RatingKind.Favourite, at + TimeSpan.FromSeconds(5)));
        }
    }
}
