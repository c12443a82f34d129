using System.Text.Json;
using Middleware.Core.Ranking;
using Middleware.Ranking;
using Middleware.Ranking.Replay;

namespace Middleware.Replay;

/// <summary>One replayed hour: the candidates known then, and each ranker's figures.</summary>
public sealed record ReplayHour(DateTimeOffset At, int Candidates, int CoordinatedGroups, IReadOnlyDictionary<string, HourFigures> Figures,
    IReadOnlyDictionary<string, string> Fallbacks);

/// <summary>Ranks, hour by hour, what was known at each hour through every ranker, with a bridging
/// model fitted as of that hour (<see cref="Middleware.Ranking.Replay.AsOfRanking"/>).</summary>
internal sealed class HourlyReplay(ReplayStore store, IReadOnlyList<RankerSpec> specs, ReplayArguments a, IReadOnlyDictionary<string, string>? truth)
{
    /// <summary>The hours replayed: from the hour after the first record (or --from) to the hour of the last (or --to).</summary>
    public IReadOnlyList<DateTimeOffset> Hours()
    {
        var first = a.From ?? Floor(store.Span.First).AddHours(1);
        var last = a.To ?? Floor(store.Span.Last).AddHours(1);
        var hours = new List<DateTimeOffset>();
        for (var t = first; t <= last; t = t.AddHours(a.StepHours))
            hours.Add(t);
        return hours;
    }

    private AsOfRanking? world;

    public async Task<ReplayHour> RankAsync(DateTimeOffset at, CancellationToken ct)
    {
        // Between refits the last as-of model serves, as the service's own model does between its
        // scheduled refits: fitted at an earlier hour, it knows nothing after that hour either.
        if (world is null || at - world.AsOf >= TimeSpan.FromHours(a.RefitHours) || at < world.AsOf)
            world = await store.Rankings.FitAsync(at, ct);
        var pool = world.Score(await store.Candidates.GetAsync(new CandidateQuery(at.AddHours(-a.WindowHours), a.MaxCandidates, null, at), ct));
        var byUri = pool.ToDictionary(c => c.PostUri, StringComparer.Ordinal);
        var tops = new Dictionary<string, IReadOnlyList<Candidate>>();
        var fallbacks = new Dictionary<string, string>();
        foreach (var spec in specs)
        {
            using var parameters = JsonDocument.Parse(spec.ParametersJson);
            var outcome = await world.Runner.RunAsync(spec.Ranker, new RankingRequest
            {
                Feed = "replay",
                Candidates = pool,
                Limit = a.Top,
                Parameters = RankerParameters.FromJson(parameters.RootElement),
                Now = at,
            }, ct);
            tops[spec.Label] = outcome.Result.Items.Select(i => byUri[i.PostUri]).ToList();
            if (outcome.FallbackReason is { } reason)
                fallbacks[spec.Label] = reason;
        }
        var chronological = tops[specs[0].Label];
        var figures = tops.ToDictionary(t => t.Key, t => ReplayMetrics.Measure(pool, t.Value, chronological, truth, a.Relevant));
        return new ReplayHour(at, pool.Count, world.Refit.CoordinatedGroups, figures, fallbacks);
    }

    private static DateTimeOffset Floor(DateTimeOffset t) => new(t.Year, t.Month, t.Day, t.Hour, 0, 0, TimeSpan.Zero);
}
