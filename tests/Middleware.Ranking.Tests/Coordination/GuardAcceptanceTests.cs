using Middleware.Ranking.Bridging;
using Middleware.Ranking.Coordination;
using Middleware.Synthetic;
using Xunit.Abstractions;

namespace Middleware.Ranking.Tests.Coordination;

/// <summary>The acceptance for the coordination guard, on the generators of
/// tools/Middleware.Synthetic (<see cref="Scenarios"/>), each on several seeds. The figures of every
/// seed are printed; docs/ranking.md has the table for 30 seeds.</summary>
[Collection(Bridging.BridgingFitsCollection.Name)]
public sealed class GuardAcceptanceTests(ScenarioRuns fixture, ITestOutputHelper output) : IClassFixture<ScenarioRuns>
{
    [Fact]
    public void When_everyone_acts_within_the_same_minutes_no_organic_account_is_flagged_and_bridging_still_finds_the_bridging_posts()
    {
        foreach (var run in fixture.Of("crowd"))
        {
            var precision = GroundTruth.PrecisionAt(run.Guarded, run.Data);
            output.WriteLine($"{run}: precision@10 {precision:0.0}, {run.Flagged.Count} accounts flagged");
            Assert.Empty(run.Flagged);
            Assert.True(precision >= 0.8, $"{run}: precision@10 {precision}");
        }
    }

    [Theory]
    [InlineData("botnet-spread")]
    [InlineData("botnet-burst")]
    public void A_botnet_boosting_one_target_within_two_minutes_is_found_and_buys_no_rank(string scenario)
    {
        foreach (var run in fixture.Of(scenario))
        {
            var recall = GroundTruth.Recall(run.Flagged, run.Data);
            var (guarded, unguarded) = (GroundTruth.TargetRank(run.Guarded, run.Data), GroundTruth.TargetRank(run.Unguarded, run.Data));
            output.WriteLine($"{run}: recall {recall:0.00}, target at {guarded + 1} with the guard, {unguarded + 1} without");
            Assert.True(recall >= 0.9, $"{run}: recall {recall}");
            Assert.True(guarded >= 10, $"{run}: target at rank {guarded + 1}");
            // Without the guard the bots lift their target; with it they do not.
            Assert.True(guarded > unguarded, $"{run}: target at {guarded + 1} with the guard, {unguarded + 1} without");
        }
    }

    [Fact]
    public void When_people_vote_in_sessions_bridging_is_as_accurate_with_the_guard_as_without()
    {
        foreach (var run in fixture.Of("sessions"))
        {
            var (on, off) = (GroundTruth.Auc(run.Guarded, run.Data), GroundTruth.Auc(run.Unguarded, run.Data));
            output.WriteLine($"{run}: AUC {on:0.000} with the guard, {off:0.000} without, {run.Flagged.Count} accounts flagged");
            Assert.True(Math.Abs(on - off) <= 0.01, $"{run}: AUC {on} with the guard, {off} without");
        }
    }

    [Fact]
    public void In_every_generator_fewer_than_2_percent_of_organic_accounts_are_flagged()
    {
        foreach (var run in fixture.Runs)
        {
            var share = GroundTruth.OrganicFlagged(run.Flagged, run.Data);
            output.WriteLine($"{run}: {share:P2} of organic accounts flagged");
            Assert.True(share < 0.02, $"{run}: {share:P2}");
        }
    }

    [Fact]
    public void Every_flagged_group_carries_its_evidence()
    {
        foreach (var run in fixture.Runs.Where(r => r.Groups.Count > 0))
        {
            foreach (var group in run.Groups)
            {
                Assert.True(group.Score >= 6, $"{run}: score {group.Score}");
                Assert.NotEmpty(group.Reasons);
                Assert.NotEmpty(group.Posts);
                Assert.True(group.FirstAction <= group.LastAction);
                Assert.True(group.Members.Count >= 2);
            }
        }
        var botnet = fixture.Of("botnet-spread").First();
        Assert.Contains(botnet.Groups.SelectMany(g => g.Posts), p => p.Post == botnet.Data.BotTarget && p.Members >= 25 && p.Last - p.First <= TimeSpan.FromMinutes(5));
    }

    [Fact]
    public void Without_the_guard_these_checks_fail_no_account_is_found()
    {
        var run = fixture.Of("botnet-burst").First();
        Assert.Equal(0, GroundTruth.Recall(run.Groups.Count == 0 ? new HashSet<string>() : [], run.Data));
        Assert.All(fixture.Of("cluster"), r => Assert.InRange(GroundTruth.TargetRank(r.Unguarded, r.Data), 0, 9));
    }

    [Fact]
    public async Task A_guard_that_flagged_everyone_would_fail_these_checks()
    {
        var data = fixture.Of("crowd").First().Data;
        var log = RatingLog.From(data.Ratings);
        var pairs = RatingPairs.Collapse(log, default);
        var everyone = new CoordinationResult(new int[pairs.RaterCount], [new FoundGroup(Enumerable.Range(0, pairs.RaterCount).ToArray(), [], 300, ["all"], "burst")]);
        var ranker = await ScenarioRuns.FitAsync(data, new BridgingOptions());
        ranker.Install(BridgingFit.Run(log, pairs, everyone, new BridgingOptions(), data.Options.Now, default).Snapshot);

        var precision = GroundTruth.PrecisionAt(await ScenarioRuns.RankAsync(ranker, data), data);
        output.WriteLine($"everyone flagged: precision@10 {precision:0.0}");
        Assert.True(precision < 0.8, $"precision@10 {precision}");
        Assert.Equal(1, GroundTruth.OrganicFlagged(log.Raters.ToHashSet(), data));
    }
}
