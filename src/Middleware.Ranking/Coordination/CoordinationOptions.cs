namespace Middleware.Ranking.Coordination;

/// <summary>The coordination guard's settings (configuration section
/// <c>Middleware:Ranking:Bridging:Coordination</c>). What each means, and why these defaults, is in
/// <c>docs/ranking.md</c> ("The coordination guard").</summary>
public sealed class CoordinationOptions
{
    /// <summary>Off only to measure what the guard changes: without it, coordinated accounts buy rank.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Choices of one post this close in time are counted together (a burst, a co-choice).</summary>
    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Before and after a window, the time whose activity says what the window should hold.</summary>
    public TimeSpan Context { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>Largest chance (of the co-choices happening without coordination) that still flags a
    /// burst or an over-represented kind of account in it.</summary>
    public double Significance { get; set; } = 1e-9;

    /// <summary>Largest chance that still ties two accounts by their repeated co-choices.</summary>
    public double PairSignificance { get; set; } = 1e-6;

    /// <summary>Fewest accounts in a group found from bursts.</summary>
    public int MinGroupSize { get; set; } = 5;

    /// <summary>A burst whose participants are at least this share beyond what the post's activity
    /// predicts is "pure": almost everyone in it is excess.</summary>
    public double PureBurstShare { get; set; } = 0.8;

    /// <summary>Two pure bursts at different moments with at least this share of the smaller one's
    /// accounts in common show the same accounts acting together again.</summary>
    public double RecurringOverlap { get; set; } = 0.7;

    /// <summary>Co-choices two accounts need before they can be tied.</summary>
    public int MinCoChoices { get; set; } = 3;

    /// <summary>Share of the less active account's choices that must be co-choices with the other.</summary>
    public double Similarity { get; set; } = 0.5;

    /// <summary>Windows with more choices of one post than this are left to burst detection: a co-choice
    /// in a crowd says little about a pair, and enumerating crowds' pairs costs quadratic time.</summary>
    public int MaxCrowd { get; set; } = 64;

    /// <summary>In a group found from ties, each member is tied to at least this share of the others.</summary>
    public double Density { get; set; } = 0.5;

    /// <summary>An account created less than this before its first choice counts as new.</summary>
    public TimeSpan NewAccountAge { get; set; } = TimeSpan.FromDays(14);

    /// <summary>An account with at most this many choices in the lookback is light (single-purpose, when
    /// its one purpose is the burst).</summary>
    public int LightAccountChoices { get; set; } = 8;

    /// <summary>The first setting that cannot work, or null.</summary>
    public string? Problem() => this switch
    {
        _ when Window < TimeSpan.FromSeconds(2) || Context < Window => "Coordination:Window must be at least 2 s and Context at least Window.",
        { Significance: <= 0 or >= 1 } or { PairSignificance: <= 0 or >= 1 } => "Coordination:Significance and PairSignificance must be between 0 and 1.",
        { MinGroupSize: < 2 } or { MinCoChoices: < 1 } or { MaxCrowd: < 2 } => "Coordination:MinGroupSize and MaxCrowd must be at least 2, MinCoChoices at least 1.",
        { PureBurstShare: <= 0 or > 1 } or { RecurringOverlap: <= 0 or > 1 } or { Similarity: < 0 or > 1 } or { Density: < 0 or > 1 } =>
            "Coordination:PureBurstShare, RecurringOverlap, Similarity and Density must be shares (0 to 1).",
        _ => null,
    };
}
