namespace Middleware.Core.Ranking;

/// <summary>One refit of a model-backed ranker, as the admin's refit history shows it.</summary>
/// <param name="Ranker">The ranker's id ("bridging").</param>
/// <param name="Started">When the refit started.</param>
/// <param name="Duration">From start to finish, reading the signals included.</param>
/// <param name="Succeeded">True when the new model replaced the previous one.</param>
/// <param name="Error">Why it did not (failure, budget, refused settings), or null.</param>
/// <param name="Signals">Interactions read from the store.</param>
/// <param name="Ratings">(rater, post) ratings the model was fitted on.</param>
/// <param name="Raters">Distinct raters.</param>
/// <param name="Posts">Distinct posts.</param>
/// <param name="CoordinatedGroups">Groups of accounts found acting together.</param>
public sealed record RefitRecord(
    string Ranker, DateTimeOffset Started, TimeSpan Duration, bool Succeeded, string? Error,
    int Signals, int Ratings, int Raters, int Posts, int CoordinatedGroups);

/// <summary>Every refit, successful or not, kept so an operator can see when models were refitted,
/// from how much evidence and with what outcome (stored fits keep only the last few successes).</summary>
public interface IRefitHistory
{
    Task RecordAsync(RefitRecord refit, CancellationToken ct = default);

    /// <summary>The newest refits first, at most <paramref name="limit"/>.</summary>
    Task<IReadOnlyList<RefitRecord>> RecentAsync(int limit, CancellationToken ct = default);
}
