using Middleware.Core.Ranking;
using Middleware.Ranking.Bridging;
using Middleware.Ranking.Coordination;
using Middleware.Ranking.Tests.Bridging;
using Middleware.Synthetic;

namespace Middleware.Ranking.Tests.Coordination;

/// <summary>Every scenario of <see cref="Scenarios"/> on three seeds, fitted with the guard and without
/// it, and ranked: shared by the acceptance tests (fitting is the slow part).</summary>
public sealed class ScenarioRuns : IAsyncLifetime
{
    public static readonly int[] Seeds = [1, 2, 3];

    public sealed record Run(string Scenario, int Seed, SyntheticData Data, IReadOnlyList<string> Guarded, IReadOnlyList<string> Unguarded,
        IReadOnlySet<string> Flagged, IReadOnlyList<CoordinatedGroup> Groups)
    {
        public override string ToString() => $"{Scenario} seed {Seed}";
    }

    public List<Run> Runs { get; } = [];

    public IEnumerable<Run> Of(string scenario) => Runs.Where(r => r.Scenario == scenario);

    public async Task InitializeAsync()
    {
        foreach (var scenario in Scenarios.Names)
        {
            foreach (var seed in Seeds)
            {
                var data = Scenarios.Generate(scenario, seed);
                var guarded = await FitAsync(data, new BridgingOptions());
                var unguarded = await FitAsync(data, new BridgingOptions { Coordination = { Enabled = false } });
                Runs.Add(new Run(scenario, seed, data, await RankAsync(guarded, data), await RankAsync(unguarded, data),
                    guarded.CoordinatedGroups.SelectMany(g => g.Members).ToHashSet(StringComparer.Ordinal), guarded.CoordinatedGroups));
            }
        }
    }

    public static async Task<BridgingRanker> FitAsync(SyntheticData data, BridgingOptions options)
    {
        var ranker = new BridgingRanker(new SyntheticRatingSource(data.Ratings), Microsoft.Extensions.Options.Options.Create(options),
            Microsoft.Extensions.Logging.Abstractions.NullLogger<BridgingRanker>.Instance, new FixedClock(data.Options.Now), new SyntheticAccountEvidence(data));
        var report = await ranker.RefitAsync(default);
        Assert.True(report.Succeeded, report.Error);
        return ranker;
    }

    public static async Task<IReadOnlyList<string>> RankAsync(IRanker ranker, SyntheticData data) =>
        (await BridgingHarness.TopAsync(ranker, data, data.Posts.Count)).Select(i => i.PostUri).ToList();

    public Task DisposeAsync() => Task.CompletedTask;
}
