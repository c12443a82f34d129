using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Middleware.Core.Ranking;
using Middleware.Ranking.Engine;

namespace Middleware.Ranking.Bridging;

/// <summary>Ranks posts by their bridging score: approval across the main divide of the audience,
/// with the part explained by one side's preference removed (Community Notes' matrix factorisation,
/// see <c>docs/ranking.md</c> and ADR 0010). Ranking reads the latest fitted snapshot and never
/// fits; <see cref="RefitAsync"/> (run by <see cref="BridgingRefitSchedule"/>) replaces it.</summary>
/// <remarks>Its refits, and keeping the fitted model across restarts, are in <c>BridgingRanker.Refit.cs</c>.</remarks>
public sealed partial class BridgingRanker(IRatingSource source, IOptions<BridgingOptions> options, ILogger<BridgingRanker> log, TimeProvider? clock = null,
    IAccountEvidenceSource? accounts = null, IModelFitStore? fits = null, IRefitHistory? history = null)
    : IRanker, IRefittable
{
    public const string Id = "bridging";

    private readonly TimeProvider clock = clock ?? TimeProvider.System;
    private readonly SemaphoreSlim refitTurn = new(1, 1);
    private BridgingSnapshot? snapshot;
    private RefitReport? lastRefit;

    string IRefittable.Id => Id;

    public RefitReport? LastRefit => Volatile.Read(ref lastRefit);

    public RankerMetadata Metadata { get; } = new()
    {
        Id = Id,
        Version = "1.1.0",
        Description = "Bridging: posts endorsed across the main divide of the audience come first (Community Notes' matrix factorisation, refitted in the background).",
        MainParameters = "Favourites and boosts from all accounts, and posts people were shown but passed over, are used to find the main divide in the audience. "
            + "A post scores high when people on both sides endorse it; support that comes from one side only is set aside. "
            + "Groups of accounts found acting together (the same accounts turning up together again and again, or new or single-purpose accounts crowding one post's minutes) count as one voice on any post. New posts with too few reactions are placed in the middle, as an average post would be. Nothing about you changes the order.",
        MainParametersTranslated = new Dictionary<string, string>
        {
            ["nl"] = "Favorieten en boosts van alle accounts, en berichten die mensen te zien kregen maar oversloegen, worden gebruikt om de belangrijkste tegenstelling in het publiek te vinden. "
                + "Een bericht scoort hoog als mensen aan beide kanten het steunen; steun die van één kant komt, telt niet mee. "
                + "Groepen accounts die samen blijken op te trekken (steeds weer dezelfde accounts samen, of nieuwe accounts of accounts met één doel die in enkele minuten op één bericht afkomen) tellen als één stem per bericht. Nieuwe berichten met te weinig reacties komen in het midden, zoals een gemiddeld bericht. Niets over jou verandert de volgorde.",
        },
        UsesProfiling = false,
        Parameters =
        [
            new ParameterDescriptor("minRatings", ParameterType.Integer, options.Value.MinRatings, "Weighted ratings a post needs before its bridging score is used; fewer is cold start.") { Minimum = 0, Maximum = 100_000 },
        ],
    };

    public ValueTask<RankingResult> RankAsync(RankingRequest request, CancellationToken cancellationToken)
    {
        var minRatings = request.Parameters.GetInteger("minRatings", options.Value.MinRatings, 0, 100_000);
        var current = Volatile.Read(ref snapshot);
        var placed = new List<(Candidate Candidate, double Score, PostScore Known, bool Scored)>(request.Candidates.Count);
        foreach (var c in request.Candidates)
        {
            PostScore s = default;
            var known = current is not null && current.TryGet(c.PostUri, out s);
            var scored = known && s.Evidence >= minRatings;
            placed.Add((c, scored ? s.Intercept : current?.ColdStartScore ?? 0, s, scored));
        }
        // Explanations only for what is returned: a feed may rank thousands of candidates for 20 items.
        var items = placed
            .OrderByDescending(p => p.Score)
            .ThenByDescending(p => p.Candidate.Published)
            .ThenBy(p => p.Candidate.PostUri, StringComparer.Ordinal)
            .Take(request.Limit)
            .Select(p => new RankedItem(p.Candidate.PostUri, p.Score, p.Scored
                ? BridgingExplanation.Scored(p.Known, current!)
                : BridgingExplanation.ColdStart(p.Known.Evidence, minRatings, current)))
            .ToList();
        return ValueTask.FromResult(new RankingResult(items)
        {
            Notice = current is null ? "The bridging model has not been fitted yet, so every post is in cold start (newest first)." : null,
        });
    }

    /// <summary>The groups of accounts the latest fit found acting together (empty before the first fit).</summary>
    public IReadOnlyList<CoordinatedGroup> CoordinatedGroups => Volatile.Read(ref snapshot)?.Groups ?? [];

    /// <summary>The share of the post's endorsers that the latest fit found in coordinated groups
    /// (0 when it was never fitted or knows no endorsers of the post).</summary>
    public double CoordinationScoreOf(string postUri) =>
        Volatile.Read(ref snapshot) is { } current && current.TryGet(postUri, out var s) ? s.CoordinationScore : 0;

    /// <summary>What the latest fit knows about the post, or null when it was never fitted or the
    /// post had no ratings in it.</summary>
    public BridgingPostEvidence? Evidence(string postUri)
    {
        var current = Volatile.Read(ref snapshot);
        if (current is null || !current.TryGet(postUri, out var s))
            return null;
        return new BridgingPostEvidence(s.Evidence, s.Intercept, s.Evidence >= options.Value.MinRatings, current.FittedAt);
    }


}
