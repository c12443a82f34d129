namespace Middleware.Ranking.Engine;

/// <summary>The result of running a ranker through the host.</summary>
/// <param name="Result">The items (already limited), with explanations.</param>
/// <param name="Ranker">Id of the ranker that produced the items.</param>
/// <param name="FallbackReason">Null when the requested ranker produced the items; otherwise why the
/// host fell back to chronological order.</param>
public sealed record RankingOutcome(RankingResult Result, string Ranker, string? FallbackReason);

/// <summary>Runs a ranker by id within its time budget. A ranker that is unknown, not loaded,
/// throws, overruns its budget or returns posts that were not candidates is replaced by the
/// chronological ranker, and every item's explanation says so. A
/// <see cref="RankerParameterException"/> is not a fallback: it is thrown to the caller, who can fix
/// the parameters.</summary>
public interface IRankingRunner
{
    Task<RankingOutcome> RunAsync(string rankerId, RankingRequest request, CancellationToken ct = default);
}
