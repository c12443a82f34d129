namespace Middleware.Ranking;

/// <summary>What a ranker is asked to order.</summary>
public sealed record RankingRequest
{
    /// <summary>The feed being ranked (its name), or an ad-hoc name such as <c>admin</c>.</summary>
    public required string Feed { get; init; }

    /// <summary>The account the feed is ranked for (an actor URI), or null for a feed that is the
    /// same for everyone. Rankers that use no profiling ignore it.</summary>
    public string? Viewer { get; init; }

    /// <summary>The posts to choose from, with their features. Order carries no meaning.</summary>
    public required IReadOnlyList<Candidate> Candidates { get; init; }

    /// <summary>How many items to return at most (1 or more).</summary>
    public required int Limit { get; init; }

    /// <summary>The ranker's parameters as the feed (or the caller) set them.</summary>
    public RankerParameters Parameters { get; init; } = RankerParameters.Empty;

    /// <summary>The moment the ranking is for; ages are measured from it.</summary>
    public required DateTimeOffset Now { get; init; }
}
