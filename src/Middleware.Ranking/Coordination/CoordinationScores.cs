using Middleware.Core.Ranking;
using Middleware.Ranking.Bridging;

namespace Middleware.Ranking.Coordination;

/// <summary>Fills <see cref="Candidate.CoordinationScore"/> from the latest bridging fit: the share of
/// a post's endorsers that belong to groups found acting together. Every ranker (recipes, scripts,
/// plugins) and feed filter then sees it, whatever produced the candidates.</summary>
public sealed class CoordinationScores(BridgingRanker bridging)
{
    /// <summary>The candidates with their scores; those the fit knows nothing of keep 0.</summary>
    public IReadOnlyList<Candidate> Apply(IReadOnlyList<Candidate> candidates)
    {
        List<Candidate>? changed = null;
        for (var i = 0; i < candidates.Count; i++)
        {
            var score = bridging.CoordinationScoreOf(candidates[i].PostUri);
            if (score == candidates[i].CoordinationScore)
                continue;
            changed ??= [.. candidates];
            changed[i] = candidates[i] with { CoordinationScore = score };
        }
        return changed ?? candidates;
    }
}

/// <summary>The store's candidates with their coordination scores (see <see cref="CoordinationScores"/>).</summary>
public sealed class CoordinationScoredCandidates(ICandidateStore store, CoordinationScores scores) : ICandidateStore
{
    public async Task<IReadOnlyList<Candidate>> GetAsync(CandidateQuery query, CancellationToken ct = default) =>
        scores.Apply(await store.GetAsync(query, ct));
}
