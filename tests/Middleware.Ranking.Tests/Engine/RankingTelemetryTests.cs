using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Middleware.Ranking.Builtin;
using Middleware.Ranking.Engine;
using Middleware.Ranking.Tests.Bridging;
using Middleware.Synthetic;

namespace Middleware.Ranking.Tests.Engine;

/// <summary>Ranking latency per ranker, as a MeterListener (what OpenTelemetry uses) sees it. Each test
/// ranks with ids of its own, since the meter is shared by everything in the process.</summary>
public sealed class RankingTelemetryTests : IDisposable
{
    private static readonly IReadOnlyList<Candidate> Posts = [Candidates.Post("a", 1), Candidates.Post("b", 2)];

    private readonly ConcurrentBag<(string Instrument, double Value, Dictionary<string, object?> Tags)> measured = [];
    private readonly MeterListener listener = new();

    public RankingTelemetryTests()
    {
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == RankingTelemetry.Name)
                l.EnableMeasurementEvents(instrument);
        };
        listener.SetMeasurementEventCallback<double>((instrument, value, tags, _) =>
            measured.Add((instrument.Name, value, tags.ToArray().ToDictionary(t => t.Key, t => t.Value))));
        listener.Start();
    }

    public void Dispose() => listener.Dispose();

    private static RankingRunner Runner(params IRanker[] rankers) => new(
        new RankerCatalog([RankerEntry.BuiltIn(new ChronologicalRanker()), .. rankers.Select(RankerEntry.BuiltIn)]),
        Options.Create(new RankingOptions { TimeBudget = TimeSpan.FromSeconds(5) }),
        NullLogger<RankingRunner>.Instance);

    private List<(double Value, Dictionary<string, object?> Tags)> Rankings(string ranker) => measured
        .Where(m => m.Instrument == "middleware.ranking.duration" && Equals(m.Tags["ranker"], ranker))
        .Select(m => (m.Value, m.Tags)).ToList();

    [Fact]
    public async Task Each_ranking_records_its_duration_in_seconds_tagged_by_the_ranker_asked_for()
    {
        var slow = $"slow-{Guid.NewGuid():N}";
        var quick = $"quick-{Guid.NewGuid():N}";
        var runner = Runner(new Fixed(slow, TimeSpan.FromMilliseconds(200)), new Fixed(quick, TimeSpan.Zero));

        await runner.RunAsync(slow, Candidates.Request(Posts));
        await runner.RunAsync(quick, Candidates.Request(Posts));
        await runner.RunAsync(quick, Candidates.Request(Posts));

        var slowOnes = Rankings(slow);
        var (slowOne, slowTags) = Assert.Single(slowOnes);
        // Task.Delay may wake a timer tick early by the stopwatch, so the floor leaves room below 0.2 s.
        Assert.InRange(slowOne, 0.15, 5);
        Assert.Equal(false, slowTags["fallback"]);
        Assert.Equal(2, Rankings(quick).Count);
        Assert.All(Rankings(quick), q => Assert.InRange(q.Value, 0, slowOne));
    }

    [Fact]
    public async Task A_ranking_that_fell_back_is_tagged_so_under_the_ranker_asked_for()
    {
        var missing = $"missing-{Guid.NewGuid():N}";

        var outcome = await Runner().RunAsync(missing, Candidates.Request(Posts));

        Assert.NotNull(outcome.FallbackReason);
        var (_, tags) = Assert.Single(Rankings(missing));
        Assert.Equal(true, tags["fallback"]);
    }

    [Fact]
    public async Task Each_ranking_is_a_span_naming_its_ranker()
    {
        var id = $"traced-{Guid.NewGuid():N}";
        var spans = new ConcurrentBag<Activity>();
        using var activities = new ActivityListener
        {
            ShouldListenTo = source => source.Name == RankingTelemetry.Name,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = spans.Add,
        };
        ActivitySource.AddActivityListener(activities);

        await Runner(new Fixed(id, TimeSpan.Zero)).RunAsync(id, Candidates.Request(Posts));

        var span = Assert.Single(spans, s => Equals(s.GetTagItem("ranker"), id));
        Assert.Equal("rank", span.OperationName);
        Assert.Equal(2, span.GetTagItem("candidates"));
        Assert.Equal(false, span.GetTagItem("fallback"));
    }

    [Fact]
    public async Task A_refit_records_its_duration_tagged_by_ranker_and_success()
    {
        var data = SyntheticAudience.Generate(BridgingHarness.Small(3) with { Users = 300, Posts = 80, CoordinatedAccounts = 0 });
        var ranker = BridgingHarness.Ranker(new SyntheticRatingSource(data.Ratings), data.Options.Now);

        var report = await ranker.RefitAsync(default);

        Assert.True(report.Succeeded, report.Error);
        // Other tests refit "bridging" at the same time: this one is known by its exact duration.
        var refit = Assert.Single(measured, m => m.Instrument == "middleware.refit.duration" && m.Value == report.Duration.TotalSeconds);
        Assert.Equal("bridging", refit.Tags["ranker"]);
        Assert.Equal(true, refit.Tags["succeeded"]);
        Assert.True(refit.Value > 0);
    }

    /// <summary>Ranks newest first after a pause.</summary>
    private sealed class Fixed(string id, TimeSpan pause) : IRanker
    {
        public RankerMetadata Metadata { get; } = new() { Id = id, Version = "0", Description = id, MainParameters = id };

        public async ValueTask<RankingResult> RankAsync(RankingRequest request, CancellationToken cancellationToken)
        {
            await Task.Delay(pause, cancellationToken);
            return new RankingResult(request.Candidates.Select((c, i) => new RankedItem(c.PostUri, -i, new Explanation(id, "fixed", []))).ToList());
        }
    }
}
