using Middleware.Ranking.Bridging;
using Middleware.Synthetic;
using Xunit.Abstractions;

namespace Middleware.Ranking.Tests.Bridging;

/// <summary>The issue's proof, on synthetic audiences with ground truth (docs/ranking.md, "Proof").</summary>
[Collection(BridgingFitsCollection.Name)]
public sealed class BridgingProofTests(SyntheticRuns fixture, ITestOutputHelper output) : IClassFixture<SyntheticRuns>
{
    [Fact]
    public void Bridging_puts_the_ground_truth_bridging_posts_in_its_top_10_on_every_seed()
    {
        foreach (var run in fixture.Runs)
        {
            var precision = BridgingHarness.Precision(run.Bridging.Take(10).ToList(), run.BridgingPosts);
            output.WriteLine($"seed {run.Seed}: bridging precision@10 {precision:0.0}");
            Assert.True(precision >= 0.8, $"seed {run.Seed}: precision@10 {precision}");
        }
    }

    [Fact]
    public void Engagement_does_not_on_the_same_data_because_partisan_posts_collect_more_engagement()
    {
        foreach (var run in fixture.Runs)
        {
            var precision = BridgingHarness.Precision(run.Engagement.Take(10).ToList(), run.BridgingPosts);
            output.WriteLine($"seed {run.Seed}: engagement precision@10 {precision:0.0}");
            Assert.True(precision <= 0.3, $"seed {run.Seed}: engagement precision@10 {precision}");
        }
    }

    [Fact]
    public void The_post_the_coordinated_cluster_boosts_stays_out_of_the_bridging_top_10_but_not_the_engagement_top_10()
    {
        foreach (var run in fixture.Runs)
        {
            var target = run.Data.BotTarget!;
            output.WriteLine($"seed {run.Seed}: bot target at bridging rank {run.BridgingRankOf(target) + 1}, engagement rank {run.EngagementRankOf(target) + 1}");
            Assert.True(run.BridgingRankOf(target) >= 10, $"seed {run.Seed}: bridging rank {run.BridgingRankOf(target)}");
            Assert.InRange(run.EngagementRankOf(target), 0, 9);
            var explanation = run.Bridging[run.BridgingRankOf(target)].Explanation;
            Assert.Contains("found acting together", explanation.Summary);
            // Every cluster account, and at most an organic account or two that endorsed in the same minutes.
            Assert.InRange(explanation.Factors.Single(f => f.Feature == "coordinatedEndorsers").Value,
                run.Data.CoordinatedAccounts.Count, run.Data.CoordinatedAccounts.Count + 2);
            Assert.InRange(explanation.Factors.Single(f => f.Feature == "coordinationScore").Value, 0.3, 1);
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public async Task Without_the_coordination_guard_the_cluster_buys_its_target_into_the_bridging_top_10(int seed)
    {
        var data = fixture.Runs.Single(r => r.Seed == seed).Data;
        var ranker = await BridgingHarness.FittedAsync(data, new BridgingOptions { Coordination = { Enabled = false } });
        var top = await BridgingHarness.TopAsync(ranker, data);

        Assert.Equal(0, ranker.LastRefit!.AccountsFlagged);
        var rank = top.Select(i => i.PostUri).ToList().IndexOf(data.BotTarget!);
        output.WriteLine($"seed {seed}, no coordination guard: bot target at bridging rank {rank + 1}");
        Assert.InRange(rank, 0, 9);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(5)]
    public async Task On_positives_only_data_sampled_unobserved_pairs_still_find_the_bridging_posts(int seed)
    {
        var data = fixture.Runs.Single(r => r.Seed == seed).Data.PositivesOnly();
        var ranker = await BridgingHarness.FittedAsync(data);
        var top = await BridgingHarness.TopAsync(ranker, data);

        var precision = BridgingHarness.Precision(top, data.Labelled(PostLabel.Bridging));
        output.WriteLine($"seed {seed}, positives only: bridging precision@10 {precision:0.0}, {ranker.LastRefit!.ImplicitNegatives} sampled negatives");
        Assert.True(precision >= 0.8, $"precision@10 {precision}");
        Assert.DoesNotContain(data.BotTarget, top.Select(i => i.PostUri));
    }

    [Fact]
    public void Every_bridging_explanation_names_both_sides_and_their_endorsers()
    {
        var top = fixture.Runs[0].Bridging[0].Explanation;
        output.WriteLine(top.Summary);

        Assert.Equal("bridging", top.Ranker);
        Assert.Matches(@"Endorsed by \d+ accounts on side A \(\d+% on a-town\.social\) of the main divide and \d+ on side B \(\d+% on b-ville\.social\)", top.Summary);
        Assert.Contains("removed", top.Summary);
        Assert.Equal(["bridgingScore", "polarity", "endorsersSideA", "endorsersSideB", "ratings"], top.Factors.Select(f => f.Feature));
        Assert.True(top.Factors[2].Value >= 5 && top.Factors[3].Value >= 5, "a bridging post has endorsers on both sides");
    }
}
