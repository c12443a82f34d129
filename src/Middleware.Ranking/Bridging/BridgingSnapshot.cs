using Middleware.Core.Ranking;

namespace Middleware.Ranking.Bridging;

/// <summary>What the model learned about one post.</summary>
/// <param name="Intercept">The bridging score: approval the main divide does not explain.</param>
/// <param name="Factor">Polarity: positive when side A favours the post, negative for side B.</param>
/// <param name="Evidence">Observed ratings, weighted (endorsements 1, disagreements and impressions
/// less, accounts in lockstep divided by their cluster's size).</param>
/// <param name="EndorsersA">Accounts on side A that favourited or boosted it.</param>
/// <param name="EndorsersB">Accounts on side B that favourited or boosted it.</param>
/// <param name="Endorsers">Accounts that endorsed it (on either side, or on neither).</param>
/// <param name="Coordinated">Of the endorsers, accounts in groups found acting together.</param>
/// <param name="CoordinatedGroups">How many such groups they belong to.</param>
internal readonly record struct PostScore(double Intercept, double Factor, double Evidence, int EndorsersA, int EndorsersB,
    int Endorsers, int Coordinated, int CoordinatedGroups)
{
    /// <summary>The share of its endorsers that belong to groups acting together (0 without endorsers).</summary>
    public double CoordinationScore => Endorsers == 0 ? 0 : (double)Coordinated / Endorsers;
}

/// <summary>One side of the main divide: the accounts whose rater factor has one sign.</summary>
/// <param name="Name">"side A" (positive factor, the larger side) or "side B".</param>
/// <param name="TopInstance">The most common instance among its accounts, or null when there are none.</param>
/// <param name="TopInstanceShare">That instance's share of the side's accounts.</param>
internal sealed record SideProfile(string Name, int Accounts, string? TopInstance, double TopInstanceShare)
{
    /// <summary>"side A (62% on social.example)", or just the name when no instance stands out.</summary>
    public string Describe() => TopInstance is not null && TopInstanceShare >= 0.3
        ? $"{Name} ({TopInstanceShare * 100:0}% on {TopInstance})"
        : Name;
}

/// <summary>The latest fitted model as rankings read it: immutable, replaced whole by each
/// successful refit, so a ranking never sees half of one fit and half of another.</summary>
/// <param name="coldStartScore">The median intercept of the posts with enough ratings: where a post
/// without enough ratings is placed (as an average post would be).</param>
internal sealed class BridgingSnapshot(IReadOnlyDictionary<string, PostScore> posts, SideProfile sideA, SideProfile sideB, double coldStartScore, DateTimeOffset fittedAt)
{
    public double ColdStartScore { get; } = coldStartScore;
    public SideProfile SideA { get; } = sideA;
    public SideProfile SideB { get; } = sideB;
    public DateTimeOffset FittedAt { get; } = fittedAt;
    public int PostCount => posts.Count;

    /// <summary>The groups of accounts found acting together in this fit.</summary>
    public IReadOnlyList<CoordinatedGroup> Groups { get; init; } = [];

    /// <summary>Every post the fit knows, for storing the snapshot.</summary>
    public IReadOnlyDictionary<string, PostScore> Posts => posts;

    public bool TryGet(string postUri, out PostScore score) => posts.TryGetValue(postUri, out score);
}
