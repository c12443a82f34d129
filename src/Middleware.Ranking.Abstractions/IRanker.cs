namespace Middleware.Ranking;

/// <summary>Orders candidate posts for one feed. Implementations must be safe to call
/// concurrently, must honour the cancellation token (the host cancels a ranker that
/// exceeds its time budget and falls back to chronological order), and must only return posts that
/// were among the candidates.</summary>
public interface IRanker
{
    /// <summary>Who this ranker is and what it does, shown on feed pages and in
    /// <c>GET /api/admin/rankers</c>.</summary>
    RankerMetadata Metadata { get; }

    /// <summary>Ranks <see cref="RankingRequest.Candidates"/> and returns at most
    /// <see cref="RankingRequest.Limit"/> items, best first, each with its score and explanation.
    /// Throw <see cref="RankerParameterException"/> when a parameter is invalid.</summary>
    ValueTask<RankingResult> RankAsync(RankingRequest request, CancellationToken cancellationToken);
}
