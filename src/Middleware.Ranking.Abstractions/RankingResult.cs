namespace Middleware.Ranking;

/// <summary>A ranker's answer: items best first.</summary>
public sealed record RankingResult(IReadOnlyList<RankedItem> Items)
{
    /// <summary>Something the reader of the feed should know about this ranking as a whole, e.g.
    /// that the host fell back to chronological order and why. Null when there is nothing to say.</summary>
    public string? Notice { get; init; }
}

/// <summary>One post in a ranking.</summary>
/// <param name="PostUri">The candidate's post id.</param>
/// <param name="Score">Higher is better; comparable only within one ranking.</param>
/// <param name="Explanation">Why the post is here.</param>
public sealed record RankedItem(string PostUri, double Score, Explanation Explanation);

/// <summary>Why a post got its place: a sentence for people and the features that moved it.</summary>
/// <param name="Ranker">Id of the ranker that placed the post (after a fallback, <c>chronological</c>).</param>
/// <param name="Summary">One plain-language sentence.</param>
/// <param name="Factors">The features that moved the score, largest effect first.</param>
public sealed record Explanation(string Ranker, string Summary, IReadOnlyList<ExplanationFactor> Factors)
{
    /// <summary>Set when the ranker the feed asked for could not run and another one placed the post.</summary>
    public string? Fallback { get; init; }
}

/// <summary>One feature's part in a score.</summary>
/// <param name="Feature">The feature's name, e.g. <c>favourites</c> or <c>age</c>.</param>
/// <param name="Value">The feature's value for this post.</param>
/// <param name="Contribution">What it added to (or, negative, took from) the score.</param>
/// <param name="Note">Optional words, e.g. "endorsed by both sides".</param>
public sealed record ExplanationFactor(string Feature, double Value, double Contribution, string? Note = null);
