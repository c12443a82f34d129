namespace Middleware.Ranking;

/// <summary>A post that may be shown, with the features rankers use. Counts are of distinct
/// accounts where that makes sense (one boost and one favourite per account).</summary>
public sealed record Candidate
{
    /// <summary>The post's ActivityPub id.</summary>
    public required string PostUri { get; init; }

    /// <summary>The author's actor id.</summary>
    public required string Author { get; init; }

    /// <summary>Host of the author's actor id, e.g. <c>social.overheid.nl</c>.</summary>
    public required string Instance { get; init; }

    /// <summary>When the post was published.</summary>
    public required DateTimeOffset Published { get; init; }

    /// <summary>Boosts (Announce) by distinct accounts.</summary>
    public int Boosts { get; init; }

    /// <summary>Favourites (Like) by distinct accounts.</summary>
    public int Favourites { get; init; }

    /// <summary>Replies stored for this post.</summary>
    public int Replies { get; init; }

    /// <summary>Distinct accounts that boosted, favourited or replied.</summary>
    public int DistinctEngagers { get; init; }

    /// <summary>Times the service served this post to someone (impressions).</summary>
    public int Impressions { get; init; }

    /// <summary>Explicit "show less" or disagreement signals given through the service.</summary>
    public int Disagreements { get; init; }

    /// <summary>True when the viewer of the request follows the author (always false without a viewer).</summary>
    public bool ViewerFollowsAuthor { get; init; }

    /// <summary>BCP 47 language tag as the author's server gave it, or null when unknown.</summary>
    public string? Language { get; init; }

    /// <summary>Number of attached media.</summary>
    public int MediaCount { get; init; }

    /// <summary>The content warning (summary) text, or null when there is none.</summary>
    public string? ContentWarning { get; init; }

    /// <summary>True when the post answers another post.</summary>
    public bool IsReply { get; init; }

    /// <summary>Length of the plain text, in characters.</summary>
    public int Length { get; init; }

    /// <summary>The post's plain text, for keyword filters.</summary>
    public string Text { get; init; } = "";

    /// <summary>Hashtags without <c>#</c>, lower case.</summary>
    public IReadOnlyList<string> Hashtags { get; init; } = [];

    /// <summary>0 to 1: the share of the post's endorsers that the latest bridging fit found in groups
    /// of accounts acting together (the coordination guard; docs/ranking.md). 0 before the first fit and
    /// for posts it did not see. A recipe or plugin may weigh it down; the bridging ranker already counts
    /// each such group as one voice.</summary>
    public double CoordinationScore { get; init; }

    /// <summary>Age at <paramref name="now"/>, never negative (clocks disagree).</summary>
    public TimeSpan AgeAt(DateTimeOffset now) => now > Published ? now - Published : TimeSpan.Zero;
}
