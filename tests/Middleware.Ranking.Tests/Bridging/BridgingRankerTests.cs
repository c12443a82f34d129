using System.Runtime.CompilerServices;
using System.Text.Json;
using Middleware.Core.Ranking;
using Middleware.Ranking.Bridging;
using Middleware.Synthetic;

namespace Middleware.Ranking.Tests.Bridging;

[Collection(BridgingFitsCollection.Name)]
public sealed class BridgingRankerTests
{
    private static readonly SyntheticData Data = SyntheticAudience.Generate(BridgingHarness.Small(2) with { Users = 600, Posts = 150, CoordinatedAccounts = 0 });

    private static Candidate Fresh(string id, double ageMinutes) => new()
    {
        PostUri = $"https://new.example/posts/{id}",
        Author = "https://new.example/users/n",
        Instance = "new.example",
        Published = Data.Options.Now.AddMinutes(-ageMinutes),
    };

    private static async Task<RankingResult> RankAsync(IRanker ranker, IReadOnlyList<Candidate> candidates, RankerParameters? parameters = null) =>
        await ranker.RankAsync(new RankingRequest
        {
            Feed = "test", Candidates = candidates, Limit = candidates.Count, Now = Data.Options.Now,
            Parameters = parameters ?? RankerParameters.Empty,
        }, default);

    [Fact]
    public async Task Before_the_first_fit_every_post_is_in_cold_start_newest_first_and_the_ranking_says_so()
    {
        var ranker = BridgingHarness.Ranker(new SyntheticRatingSource(Data.Ratings), Data.Options.Now);
        var result = await RankAsync(ranker, [Fresh("old", 90), Fresh("new", 5), Fresh("mid", 30)]);

        Assert.Equal(["new", "mid", "old"], result.Items.Select(i => i.PostUri.Split('/')[^1]));
        Assert.Contains("not been fitted", result.Notice);
        Assert.All(result.Items, i => Assert.StartsWith("The bridging model has not been fitted yet", i.Explanation.Summary));
    }

    [Fact]
    public async Task Posts_with_too_few_ratings_are_placed_at_the_median_score_newest_first()
    {
        var ranker = await BridgingHarness.FittedAsync(Data);
        var candidates = SyntheticCandidates.From(Data).Concat([Fresh("a", 10), Fresh("b", 2)]).ToList();
        var items = (await RankAsync(ranker, candidates)).Items;

        var cold = items.Where(i => i.PostUri.StartsWith("https://new.example/", StringComparison.Ordinal)).ToList();
        Assert.Equal(["b", "a"], cold.Select(i => i.PostUri.Split('/')[^1]));
        var median = cold[0].Score;
        Assert.All(cold, i => Assert.Equal(median, i.Score));
        Assert.All(cold, i => Assert.StartsWith("Not enough ratings yet", i.Explanation.Summary));
        var firstCold = items.ToList().IndexOf(cold[0]);
        // Before them only posts above the median, or synthetic posts in cold start that are newer.
        Assert.All(items.Take(firstCold), i => Assert.True(i.Score > median || (i.Score == median && i.Explanation.Summary.StartsWith("Not enough"))));
        Assert.All(items.Skip(firstCold + cold.Count), i => Assert.True(i.Score <= median));
        Assert.InRange(firstCold, candidates.Count * 0.35, candidates.Count * 0.65);
    }

    [Fact]
    public async Task MinRatings_decides_which_posts_are_scored_and_is_validated()
    {
        var ranker = await BridgingHarness.FittedAsync(Data);
        var candidates = SyntheticCandidates.From(Data);
        var strict = RankerParameters.FromJson(JsonDocument.Parse("""{"minRatings": 100000}""").RootElement);

        var items = (await RankAsync(ranker, candidates, strict)).Items;
        Assert.All(items, i => Assert.Equal(items[0].Score, i.Score));
        Assert.Equal(candidates.MaxBy(c => c.Published)!.PostUri, items[0].PostUri);

        var invalid = RankerParameters.FromJson(JsonDocument.Parse("""{"minRatings": -1}""").RootElement);
        var error = await Assert.ThrowsAsync<RankerParameterException>(() => RankAsync(ranker, candidates, invalid));
        Assert.Equal("minRatings", error.Field);
    }

    [Fact]
    public async Task A_refit_that_overruns_its_budget_keeps_the_previous_model_and_reports_why()
    {
        var source = new SwitchableSource(Data.Ratings);
        var options = new BridgingOptions();
        var ranker = BridgingHarness.Ranker(source, Data.Options.Now, options);
        var first = await ranker.RefitAsync(default);
        var candidates = SyntheticCandidates.From(Data);
        var before = (await RankAsync(ranker, candidates)).Items;

        source.Hang = true;
        options.RefitBudget = TimeSpan.FromMilliseconds(200);
        var second = await ranker.RefitAsync(default);
        var after = (await RankAsync(ranker, candidates)).Items;

        Assert.True(first.Succeeded, first.Error);
        Assert.False(second.Succeeded);
        Assert.Contains("budget", second.Error);
        Assert.Same(second, ranker.LastRefit);
        Assert.Equal(before.Select(i => (i.PostUri, i.Score)), after.Select(i => (i.PostUri, i.Score)));
    }

    [Fact]
    public async Task A_successful_refit_reports_what_it_fitted()
    {
        var ranker = await BridgingHarness.FittedAsync(Data);
        var report = ranker.LastRefit!;

        Assert.Equal(Data.Ratings.Count, report.Signals);
        Assert.Equal(Data.Ratings.Select(r => r.Post).Distinct().Count(), report.Posts);
        Assert.InRange(report.Iterations, 2, new BridgingOptions().MaxIterations);
        Assert.True(report.Ratings > report.ImplicitNegatives && report.ImplicitNegatives > 0);
        Assert.True(report.FinalLoss > 0 && double.IsFinite(report.FinalLoss));
        Assert.Null(report.Error);
    }

    [Fact]
    public async Task A_refit_without_signals_succeeds_and_leaves_every_post_in_cold_start()
    {
        var ranker = BridgingHarness.Ranker(new SyntheticRatingSource([]), Data.Options.Now);
        var report = await ranker.RefitAsync(default);
        var result = await RankAsync(ranker, [Fresh("old", 90), Fresh("new", 5)]);

        Assert.True(report.Succeeded, report.Error);
        Assert.Equal(0, report.Ratings);
        Assert.Null(result.Notice);
        Assert.Equal(["new", "old"], result.Items.Select(i => i.PostUri.Split('/')[^1]));
        Assert.All(result.Items, i => Assert.StartsWith("Not enough ratings yet", i.Explanation.Summary));
    }

    [Fact]
    public async Task Settings_that_cannot_work_are_reported_by_the_refit_not_thrown()
    {
        var ranker = BridgingHarness.Ranker(new SyntheticRatingSource(Data.Ratings), Data.Options.Now, new BridgingOptions { FactorLambda = 0 });
        var report = await ranker.RefitAsync(default);

        Assert.False(report.Succeeded);
        Assert.Contains("FactorLambda", report.Error);
    }

    /// <summary>Streams the signals, or, once <see cref="Hang"/> is set, waits until cancelled (a
    /// store too slow for the budget).</summary>
    private sealed class SwitchableSource(IReadOnlyList<RatingSignal> signals) : IRatingSource
    {
        public bool Hang { get; set; }

        public async IAsyncEnumerable<RatingSignal> ReadAsync(DateTimeOffset since, [EnumeratorCancellation] CancellationToken ct = default)
        {
            if (Hang)
                await Task.Delay(Timeout.Infinite, ct);
            foreach (var s in signals)
                yield return s;
        }
    }
}
