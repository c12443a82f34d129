using Middleware.Ranking;

namespace Middleware.Core.Ranking;

/// <summary>Which stored posts may be ranked.</summary>
/// <param name="Since">Only posts published at or after this moment.</param>
/// <param name="MaxCount">At most this many, newest first (the store's bound on work per ranking).</param>
/// <param name="Viewer">The account the ranking is for, to fill <see cref="Candidate.ViewerFollowsAuthor"/>.</param>
/// <param name="AsOf">For replay: rank as of this past moment, with only the posts published and the
/// signals recorded before it (null: everything stored now).</param>
public sealed record CandidateQuery(DateTimeOffset Since, int MaxCount, string? Viewer = null, DateTimeOffset? AsOf = null);

/// <summary>Reads ranking candidates with their features in one query.</summary>
public interface ICandidateStore
{
    Task<IReadOnlyList<Candidate>> GetAsync(CandidateQuery query, CancellationToken ct = default);
}
