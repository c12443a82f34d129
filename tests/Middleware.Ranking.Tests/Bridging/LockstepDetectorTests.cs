using Middleware.Core.Ranking;
using Middleware.Ranking.Bridging;
using Middleware.Synthetic;
using Xunit.Abstractions;

namespace Middleware.Ranking.Tests.Bridging;

[Collection(BridgingFitsCollection.Name)]
public sealed class LockstepDetectorTests(ITestOutputHelper output)
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 20, 12, 0, 0, TimeSpan.Zero);

    private static (LockstepResult Result, RatingLog Log) Detect(IEnumerable<RatingSignal> signals, BridgingOptions? options = null)
    {
        var log = RatingLog.From(signals);
        return (LockstepDetector.Detect(RatingPairs.Collapse(log, default), options ?? new BridgingOptions(), default), log);
    }

    private static bool Discounted((LockstepResult Result, RatingLog Log) d, string rater) =>
        d.Result.IsDiscounted(d.Log.Raters.IndexOf(rater));

    /// <summary>30 independent accounts, each endorsing 6 of 40 posts at random hours.</summary>
    private static IEnumerable<RatingSignal> Independents(Random random)
    {
        for (var a = 0; a < 30; a++)
        {
            foreach (var post in Enumerable.Range(0, 40).OrderBy(_ => random.Next()).Take(6))
                yield return new RatingSignal($"https://x.example/users/i{a}", $"p{post}", RatingKind.Favourite, T0.AddMinutes(random.Next(0, 48 * 60)));
        }
    }

    /// <summary>Independent accounts, plus <paramref name="size"/> accounts named <c>c0, c1…</c> that
    /// act on four posts, each time all within two minutes.</summary>
    private static List<RatingSignal> WithCluster(int seed, int size, RatingKind kind)
    {
        var random = new Random(seed);
        var signals = Independents(random).ToList();
        for (var post = 0; post < 4; post++)
        {
            for (var c = 0; c < size; c++)
                signals.Add(new RatingSignal($"https://x.example/users/c{c}", $"p{post * 7}", kind, T0.AddHours(post * 5).AddSeconds(random.Next(0, 120))));
        }
        return signals;
    }

    [Fact]
    public void Finds_a_planted_cluster_and_weighs_it_as_one_rater()
    {
        var d = Detect(WithCluster(3, 8, RatingKind.Boost));

        Assert.Equal(1, d.Result.Clusters);
        Assert.Equal(8, d.Result.AccountsDiscounted);
        for (var c = 0; c < 8; c++)
        {
            Assert.True(Discounted(d, $"https://x.example/users/c{c}"));
            Assert.Equal(1f / 8, d.Result.RaterWeight[d.Log.Raters.IndexOf($"https://x.example/users/c{c}")]);
        }
    }

    [Fact]
    public void Finds_a_cluster_that_disagrees_in_step_to_bury_posts()
    {
        var d = Detect(WithCluster(5, 6, RatingKind.Disagree));

        Assert.Equal(6, d.Result.AccountsDiscounted);
        Assert.All(Enumerable.Range(0, 6), c => Assert.True(Discounted(d, $"https://x.example/users/c{c}")));
    }

    [Fact]
    public void Does_not_merge_accounts_that_endorse_the_same_posts_hours_apart()
    {
        var signals = new List<RatingSignal>();
        for (var post = 0; post < 5; post++)
        {
            for (var a = 0; a < 6; a++)
                signals.Add(new RatingSignal($"https://x.example/users/a{a}", $"p{post}", RatingKind.Favourite, T0.AddHours(post * 10 + a)));
        }

        Assert.Equal(0, Detect(signals).Result.AccountsDiscounted);
    }

    [Fact]
    public void Does_not_merge_active_accounts_that_share_a_few_posts_in_the_same_minutes()
    {
        var signals = new List<RatingSignal>();
        for (var post = 0; post < 40; post++)
        {
            // Both endorse every post, but only the first three at the same moment.
            signals.Add(new RatingSignal("https://x.example/users/a", $"p{post}", RatingKind.Favourite, T0.AddHours(post)));
            signals.Add(new RatingSignal("https://x.example/users/b", $"p{post}", RatingKind.Favourite, T0.AddHours(post).AddMinutes(post < 3 ? 1 : 90)));
        }

        Assert.Equal(0, Detect(signals).Result.AccountsDiscounted);
        // The same two accounts in step on every post are one rater.
        Assert.Equal(2, Detect(signals, new BridgingOptions { LockstepWindow = TimeSpan.FromHours(2) }).Result.AccountsDiscounted);
    }

    [Fact]
    public void A_viral_post_endorsed_by_thousands_within_minutes_links_nobody()
    {
        var signals = Enumerable.Range(0, 5000)
            .Select(a => new RatingSignal($"https://x.example/users/v{a}", "viral", RatingKind.Boost, T0.AddSeconds(a % 300)))
            .ToList();

        Assert.Equal(0, Detect(signals).Result.AccountsDiscounted);
    }

    [Fact]
    public void Finds_a_cluster_twice_the_size_of_the_organic_audience_whole()
    {
        var data = SyntheticAudience.Generate(BridgingHarness.Small(6) with { CoordinatedAccounts = 3000 });
        var d = Detect(data.Ratings);

        // Each account meets only its 256 next neighbours in time on each post, yet the links chain
        // the whole cluster together (two clusters: the halves that cover for side A and side B).
        Assert.All(data.CoordinatedAccounts, a => Assert.True(Discounted(d, a), a));
        Assert.InRange(d.Result.Clusters, 2, 3);
    }

    [Fact]
    public void On_a_synthetic_audience_it_discounts_the_whole_cluster_and_almost_no_organic_account()
    {
        var data = SyntheticAudience.Generate(BridgingHarness.Small(4));
        var d = Detect(data.Ratings);

        Assert.All(data.CoordinatedAccounts, a => Assert.True(Discounted(d, a), a));
        var organic = data.CommunityA.Concat(data.CommunityB).Where(a => d.Log.Raters.Contains(a)).ToList();
        var falsePositives = organic.Count(a => Discounted(d, a));
        output.WriteLine($"{falsePositives} of {organic.Count} organic accounts discounted, {d.Result.Clusters} clusters");
        Assert.True(falsePositives <= organic.Count / 200, $"{falsePositives} of {organic.Count} organic accounts discounted");
    }
}
