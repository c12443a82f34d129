namespace Middleware.Core.Ranking;

/// <summary>Records what the service served and the explicit feedback people give through it:
/// the signals beyond boosts that tell who saw a post and passed, or disagreed.</summary>
public interface ISignalRecorder
{
    /// <summary>The posts were served to <paramref name="viewer"/> in <paramref name="feed"/>.</summary>
    Task RecordImpressionsAsync(string viewer, string feed, IReadOnlyList<string> postUris, DateTimeOffset at, CancellationToken ct = default);

    /// <summary><paramref name="viewer"/> asked to see less of the post (or disagreed with it).
    /// Returns false when the post is not stored.</summary>
    Task<bool> RecordDisagreementAsync(string viewer, string postUri, DateTimeOffset at, CancellationToken ct = default);
}
