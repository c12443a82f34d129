using Middleware.Synthetic;

namespace Middleware.Ranking.Tests.Bridging;

/// <summary>One synthetic audience per seed, fitted once and ranked by bridging and by engagement,
/// shared by the proof tests (fitting is the slow part).</summary>
public sealed class SyntheticRuns : IAsyncLifetime
{
    public static readonly int[] Seeds = [1, 2, 3, 4, 5];

    public sealed record Run(int Seed, SyntheticData Data, IReadOnlyList<RankedItem> Bridging, IReadOnlyList<RankedItem> Engagement)
    {
        public IReadOnlySet<string> BridgingPosts { get; } = Data.Labelled(PostLabel.Bridging);

        public int BridgingRankOf(string uri) => Rank(Bridging, uri);

        public int EngagementRankOf(string uri) => Rank(Engagement, uri);

        private static int Rank(IReadOnlyList<RankedItem> items, string uri) => items.Select(i => i.PostUri).ToList().IndexOf(uri);
    }

    public List<Run> Runs { get; } = [];

    public async Task InitializeAsync()
    {
        foreach (var seed in Seeds)
        {
            var data = SyntheticAudience.Generate(BridgingHarness.Small(seed));
            var ranker = await BridgingHarness.FittedAsync(data);
            var everything = data.Posts.Count;
            Runs.Add(new Run(seed, data,
                await BridgingHarness.TopAsync(ranker, data, everything),
                await BridgingHarness.TopAsync(BridgingHarness.Engagement, data, everything, BridgingHarness.NoDecay)));
        }
    }

    public Task DisposeAsync() => Task.CompletedTask;
}
