using Middleware.Core.Ranking;
using Middleware.Ranking.Coordination;

namespace Middleware.Ranking.Tests.Coordination;

/// <summary>What the guard flags and what it leaves alone, on small hand-made audiences.</summary>
public sealed class CoordinationGuardTests
{
    private static readonly DateTimeOffset T0 = GuardCases.T0;

    private static List<string> Accounts(string prefix, int n, string host = "town.example") =>
        Enumerable.Range(0, n).Select(i => $"https://{host}/users/{prefix}{i}").ToList();

    [Theory]
    [InlineData(RatingKind.Boost)]
    [InlineData(RatingKind.Disagree)]
    public void Accounts_that_burst_together_on_several_posts_at_different_moments_are_one_group(RatingKind kind)
    {
        var cases = new GuardCases(seed: 1);
        var group = Accounts("g", 10);
        for (var p = 0; p < 4; p++)
            cases.Burst(group, GuardCases.Post(p * 7), T0.AddHours(3 + p * 5), kind: kind);

        var d = cases.Detect();

        var found = Assert.Single(d.Result.Groups);
        Assert.Equal(group.Order(), found.Members.Select(m => d.Log.Raters[m]).Order());
        Assert.Equal(4, found.Posts.Count);
        Assert.All(found.Posts, p => Assert.True(p.Last - p.First <= 120, $"{p.Last - p.First} s"));
        Assert.True(found.Score >= 9, $"score {found.Score}");
        Assert.NotEmpty(found.Reasons);
    }

    [Fact]
    public void A_crowd_on_one_post_is_not_a_group_even_when_it_comes_within_minutes()
    {
        // A feed account boosts a post: a fifth of its followers favourite it within three minutes.
        var cases = new GuardCases(seed: 2);
        cases.Burst(cases.Some(60), GuardCases.Post(5), T0.AddHours(20), seconds: 180, kind: RatingKind.Favourite);

        Assert.Empty(cases.Detect().Result.Groups);
    }

    [Fact]
    public void Crowds_on_several_posts_drawn_from_the_same_followers_are_not_a_group()
    {
        var cases = new GuardCases(seed: 3);
        for (var p = 0; p < 4; p++)
            cases.Burst(cases.Some(60), GuardCases.Post(p), T0.AddHours(5 + p * 6), seconds: 180, kind: RatingKind.Favourite);

        Assert.Empty(cases.Detect().Result.Groups);
    }

    [Fact]
    public void A_viral_post_endorsed_by_thousands_within_minutes_links_nobody()
    {
        var signals = Enumerable.Range(0, 5000)
            .Select(a => new RatingSignal($"https://x.example/users/v{a}", "viral", RatingKind.Boost, T0.AddSeconds(a % 300)))
            .ToList();

        Assert.Empty(GuardCases.Run(signals).Result.Groups);
    }

    [Fact]
    public void Accounts_that_endorse_the_same_posts_hours_apart_are_not_linked()
    {
        var cases = new GuardCases(seed: 4);
        for (var post = 0; post < 5; post++)
        {
            for (var a = 0; a < 6; a++)
                cases.Signals.Add(new RatingSignal($"https://x.example/users/a{a}", $"p{post}", RatingKind.Favourite, T0.AddHours(post * 10 + a)));
        }

        Assert.Empty(cases.Detect().Result.Groups);
    }

    [Fact]
    public void Active_accounts_sharing_a_few_posts_in_the_same_minutes_are_not_linked()
    {
        var cases = new GuardCases(seed: 5);
        for (var post = 0; post < 40; post++)
        {
            // Both endorse every post, but only the first three at the same moment.
            cases.Signals.Add(new RatingSignal("https://x.example/users/a", $"p{post}", RatingKind.Favourite, T0.AddHours(post)));
            cases.Signals.Add(new RatingSignal("https://x.example/users/b", $"p{post}", RatingKind.Favourite, T0.AddHours(post).AddMinutes(post < 3 ? 1 : 90)));
        }

        Assert.Empty(cases.Detect().Result.Groups);
    }

    [Fact]
    public void Three_accounts_choosing_the_same_posts_at_the_same_moments_for_days_are_a_group()
    {
        var cases = new GuardCases(seed: 6);
        var ring = Accounts("r", 3);
        for (var p = 0; p < 12; p++)
            cases.Burst(ring, GuardCases.Post(100 + p), T0.AddHours(2 + p * 3.5), seconds: 60, kind: RatingKind.Favourite);

        var d = cases.Detect();

        var found = Assert.Single(d.Result.Groups);
        Assert.Equal("co-choices", found.Kind);
        Assert.Equal(ring.Order(), found.Members.Select(m => d.Log.Raters[m]).Order());
    }

    [Fact]
    public void New_accounts_crowding_one_post_inside_a_real_crowd_are_flagged_and_the_crowd_is_not()
    {
        var cases = new GuardCases(seed: 7);
        var crowd = cases.Some(80).ToList();
        var fresh = Accounts("new", 20);
        foreach (var account in fresh)
            cases.Created[account] = T0.AddHours(20).AddDays(-2);
        cases.Burst(crowd, GuardCases.Post(9), T0.AddHours(20), seconds: 600, kind: RatingKind.Favourite);
        cases.Burst(fresh, GuardCases.Post(9), T0.AddHours(20).AddMinutes(3), seconds: 120);

        var d = cases.Detect();

        Assert.Equal(fresh.Order(), d.Flagged().Order());
        Assert.Contains(Assert.Single(d.Result.Groups).Reasons, r => r.Contains("created less than 14 days"));
    }

    [Fact]
    public void New_accounts_in_a_crowd_as_often_as_anywhere_else_are_not_flagged()
    {
        var cases = new GuardCases(seed: 8);
        // One in twenty accounts is new, everywhere.
        for (var a = 0; a < 300; a += 20)
            cases.Created[GuardCases.Background(a)] = T0.AddDays(-3);
        cases.Burst(cases.Some(150), GuardCases.Post(3), T0.AddHours(30), seconds: 300, kind: RatingKind.Favourite);

        Assert.Empty(cases.Detect().Result.Groups);
    }

    [Fact]
    public void Accounts_of_one_small_instance_crowding_a_post_are_flagged()
    {
        var cases = new GuardCases(seed: 9);
        var crowd = cases.Some(80).ToList();
        var instance = Accounts("i", 15, host: "tiny.example");
        cases.Burst(crowd, GuardCases.Post(11), T0.AddHours(25), seconds: 600, kind: RatingKind.Favourite);
        cases.Burst(instance, GuardCases.Post(11), T0.AddHours(25).AddMinutes(4), seconds: 90);
        // Their accounts are not new and do other things too.
        foreach (var account in instance)
            cases.Burst([account], GuardCases.Post(150 + instance.IndexOf(account)), T0.AddHours(2), seconds: 3600, kind: RatingKind.Favourite);

        var d = cases.Detect();

        Assert.Equal(instance.Order(), d.Flagged().Order());
        Assert.Contains(Assert.Single(d.Result.Groups).Reasons, r => r.Contains("on tiny.example"));
    }

    [Fact]
    public void Authors_of_near_duplicate_texts_crowding_a_post_are_flagged()
    {
        var cases = new GuardCases(seed: 10);
        var authors = Accounts("copy", 12);
        cases.Burst(cases.Some(80), GuardCases.Post(12), T0.AddHours(30), seconds: 600, kind: RatingKind.Favourite);
        cases.Burst(authors, GuardCases.Post(12), T0.AddHours(30).AddMinutes(2), seconds: 120);
        var texts = authors.Select((a, i) => new PostFingerprint(a,
            Middleware.Core.Posts.TextFingerprint.Of($"Vote no on the proposal tomorrow, it will ruin the harbour district and cost everyone dearly {i % 2}")!.Value,
            T0.AddHours(29))).ToList();
        var facts = TextGroups.Build(new AccountEvidence(cases.Created, texts));

        var d = cases.Detect(facts: facts);

        Assert.Equal(1, facts.TextGroups);
        Assert.Equal(authors.Order(), d.Flagged().Order());
        Assert.Contains(Assert.Single(d.Result.Groups).Reasons, r => r.Contains("near-duplicate texts"));
    }

    [Fact]
    public void Switched_off_it_finds_nothing()
    {
        var cases = new GuardCases(seed: 11);
        var group = Accounts("g", 10);
        for (var p = 0; p < 4; p++)
            cases.Burst(group, GuardCases.Post(p * 7), T0.AddHours(3 + p * 5));

        Assert.NotEmpty(cases.Detect().Result.Groups);
        Assert.Empty(cases.Detect(new CoordinationOptions { Enabled = false }).Result.Groups);
    }
}
