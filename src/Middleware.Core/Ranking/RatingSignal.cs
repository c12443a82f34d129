namespace Middleware.Core.Ranking;

/// <summary>What one account did with one post, as the bridging model reads it.</summary>
public enum RatingKind
{
    /// <summary>A favourite (Like): endorsement.</summary>
    Favourite,
    /// <summary>A boost (Announce): endorsement.</summary>
    Boost,
    /// <summary>An explicit "show less" or disagreement given through the service.</summary>
    Disagree,
    /// <summary>The post was served to the account (an impression).</summary>
    Seen,
}

/// <summary>One signal from one rater (an actor URI) about one post.</summary>
public readonly record struct RatingSignal(string Rater, string Post, RatingKind Kind, DateTimeOffset At);

/// <summary>Streams every stored rating signal since a moment, for model fitting. Order is not
/// guaranteed, and one (rater, post, kind) may appear more than once (told by the network and by
/// the person): the model collapses each (rater, post) into one rating.</summary>
public interface IRatingSource
{
    IAsyncEnumerable<RatingSignal> ReadAsync(DateTimeOffset since, CancellationToken ct = default);
}
