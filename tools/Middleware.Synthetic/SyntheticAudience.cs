using Middleware.Core.Ranking;

namespace Middleware.Synthetic;

/// <summary>Generates an audience of two communities with opposed preferences. Partisan posts are
/// shown twice as often and boosted more (as engagement-ranked platforms spread them), so they
/// collect more raw engagement than bridging posts, which both communities like moderately. A
/// coordinated cluster boosts one partisan post (and a few cover posts) within minutes.</summary>
public static class SyntheticAudience
{
    internal readonly record struct Account(string Uri, bool InA, double Activity, bool Recorded);

    /// <summary>Per post: how likely each community endorses it once seen, how often it is shown, how
    /// often an endorsement is a boost.</summary>
    internal readonly record struct Appeal(double A, double B, double Visibility, double BoostShare);

    public static SyntheticData Generate(SyntheticOptions options)
    {
        if (options.Problem() is { } problem)
            throw new ArgumentException(problem, nameof(options));
        var random = new Random(options.Seed);
        var accounts = Accounts(options, random);
        var (posts, appeal) = Posts(options, random, accounts);
        var ratings = new List<RatingSignal>();
        var replies = new List<SyntheticReply>();
        Audience.React(options, random, accounts, posts, appeal, ratings, replies);
        var created = AccountAges.Organic(options, random, accounts.Select(a => a.Uri));
        var cluster = options.Attack == Attack.Botnet
            ? Botnet.Act(options, random, posts, ratings, created)
            : CoordinatedCluster.Act(options, random, posts, ratings);
        // The cluster's accounts look old: it is found by what it does, not by its age.
        foreach (var account in cluster)
            created.TryAdd(account, options.Now - TimeSpan.FromDays(30 + 700 * random.NextDouble()));
        return new SyntheticData(options, posts, ratings, replies,
            accounts.Where(a => a.InA).Select(a => a.Uri).ToList(),
            accounts.Where(a => !a.InA).Select(a => a.Uri).ToList(),
            cluster)
        {
            AccountsCreated = created,
        };
    }

    private static Account[] Accounts(SyntheticOptions o, Random random)
    {
        var inA = (int)Math.Round(o.Users * o.ShareA);
        var accounts = new Account[o.Users];
        for (var i = 0; i < o.Users; i++)
        {
            var a = i < inA;
            // Most of each community lives on its own instance; the rest share a general one.
            var host = random.NextDouble() < 0.7 ? (a ? "a-town.social" : "b-ville.social") : "mastodon.example";
            accounts[i] = new Account($"https://{host}/users/u{i}", a, 0.5 + random.NextDouble(), random.NextDouble() < o.ImpressionShare);
        }
        return accounts;
    }

    private static (List<SyntheticPost>, Appeal[]) Posts(SyntheticOptions o, Random random, Account[] accounts)
    {
        var bridging = (int)Math.Round(o.Posts * o.BridgingShare);
        var partisan = (int)Math.Round(o.Posts * o.PartisanShare / 2);
        var labels = new PostLabel[o.Posts];
        for (var i = 0; i < o.Posts; i++)
        {
            labels[i] = i < bridging ? PostLabel.Bridging
                : i < bridging + partisan ? PostLabel.PartisanA
                : i < bridging + 2 * partisan ? PostLabel.PartisanB
                : PostLabel.Neutral;
        }
        random.Shuffle(labels);

        var posts = new List<SyntheticPost>(o.Posts);
        var appeal = new Appeal[o.Posts];
        for (var i = 0; i < o.Posts; i++)
        {
            var label = labels[i];
            appeal[i] = label switch
            {
                PostLabel.Bridging => Both(Between(random, 0.22, 0.38), 1.0, 0.2),
                PostLabel.PartisanA => new Appeal(Between(random, 0.40, 0.65), Between(random, 0, 0.03), 2.0, 0.55),
                PostLabel.PartisanB => new Appeal(Between(random, 0, 0.03), Between(random, 0.40, 0.65), 2.0, 0.55),
                _ => Both(Between(random, 0.04, 0.14), 1.0, 0.25),
            };
            var author = Author(random, accounts, label);
            // In a news moment every post is already out when everyone reacts at once.
            var published = (o.Timing == Timing.Burst ? o.BurstStart : o.Now) - o.Span * random.NextDouble();
            var language = random.NextDouble() < 0.7 ? "nl" : "en";
            var kind = label switch { PostLabel.PartisanA => "partisan-a", PostLabel.PartisanB => "partisan-b", _ => label.ToString().ToLowerInvariant() };
            posts.Add(new SyntheticPost($"{author}/statuses/{100_000 + i}", author, $"Synthetic {kind} post {i}.", language, published, label));
        }
        return (posts, appeal);
    }

    private static Appeal Both(double rate, double visibility, double boostShare) => new(rate, rate, visibility, boostShare);

    private static double Between(Random random, double low, double high) => low + (high - low) * random.NextDouble();

    private static string Author(Random random, Account[] accounts, PostLabel label)
    {
        while (true)
        {
            var a = accounts[random.Next(accounts.Length)];
            if (label == PostLabel.PartisanA ? a.InA : label != PostLabel.PartisanB || !a.InA)
                return a.Uri;
        }
    }
}
