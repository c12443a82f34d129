using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Middleware.Core.Ranking;
using Middleware.Ranking.Bridging;
using Middleware.Ranking.Coordination;
using Middleware.Ranking.Engine;
using Middleware.Ranking.Recipes;

namespace Middleware.Ranking.Replay;

/// <summary>The rankers as they would have ranked at a past moment: the service's own rankers,
/// except that the bridging model is fitted afresh on what was recorded before that moment (never
/// the model in use, which has seen later signals), and recipes blend with that bridging ranker.
/// Candidates get their coordination scores from the same fit.</summary>
public sealed class AsOfRanking
{
    private readonly CoordinationScores scores;

    private AsOfRanking(DateTimeOffset asOf, BridgingRanker bridging, RankerCatalog catalog, IRankingRunner runner, RefitReport refit)
    {
        AsOf = asOf;
        Bridging = bridging;
        Catalog = catalog;
        Runner = runner;
        Refit = refit;
        scores = new CoordinationScores(bridging);
    }

    /// <summary>The moment ranked for.</summary>
    public DateTimeOffset AsOf { get; }

    /// <summary>The bridging ranker fitted as of <see cref="AsOf"/>.</summary>
    public BridgingRanker Bridging { get; }

    /// <summary>The live catalog with the as-of bridging and recipe rankers in place of the live ones.</summary>
    public RankerCatalog Catalog { get; }

    /// <summary>Runs rankers of <see cref="Catalog"/> with the live runner's budget and fallback rules.</summary>
    public IRankingRunner Runner { get; }

    /// <summary>The report of the as-of fit.</summary>
    public RefitReport Refit { get; }

    /// <summary>The candidates with the coordination scores of the as-of fit (those of the live fit
    /// are replaced: they were computed from later signals).</summary>
    public IReadOnlyList<Candidate> Score(IReadOnlyList<Candidate> candidates) =>
        scores.Apply(candidates.Select(c => c.CoordinationScore == 0 ? c : c with { CoordinationScore = 0 }).ToList());

    /// <summary>Fits the bridging model on the signals recorded before <paramref name="asOf"/> and
    /// assembles the rankers around it.</summary>
    internal static async Task<AsOfRanking> FitAsync(
        DateTimeOffset asOf, RankerCatalog live, IAsOfSources sources, IOptions<BridgingOptions> bridgingOptions,
        IOptions<RankingOptions> rankingOptions, ILoggerFactory logs, CancellationToken ct)
    {
        // No fit store: an as-of model must never be saved, nor replace the model in use on a restart.
        var bridging = new BridgingRanker(sources.Ratings(asOf), bridgingOptions, logs.CreateLogger<BridgingRanker>(),
            new FixedClock(asOf), sources.Accounts(asOf), fits: null);
        var refit = await bridging.RefitAsync(ct);

        RankingRunner? runner = null;
        RankerCatalog? catalog = null;
        var recipe = new RecipeRanker(new Lazy<IRankingRunner>(() => runner!), new Lazy<RankerCatalog>(() => catalog!));
        catalog = new RankerCatalog(live.Entries.Select(e => e switch
        {
            { Id: BridgingRanker.Id, Origin: RankerOrigin.BuiltIn } => RankerEntry.BuiltIn(bridging),
            { Id: RecipeRanker.Id, Origin: RankerOrigin.BuiltIn } => RankerEntry.BuiltIn(recipe),
            _ => e,
        }));
        runner = new RankingRunner(catalog, rankingOptions, logs.CreateLogger<RankingRunner>());
        return new AsOfRanking(asOf, bridging, catalog, runner, refit);
    }

    /// <summary>A clock standing at the replayed moment: the refit's lookback is measured from it.</summary>
    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
