namespace Middleware.Synthetic;

/// <summary>The shape of a synthetic audience. Every default is a plausible small instance; the
/// same options and seed always give the same data.</summary>
public sealed record SyntheticOptions
{
    /// <summary>Seed of the random generator.</summary>
    public int Seed { get; init; } = 1;

    /// <summary>Organic accounts (the coordinated ones come on top).</summary>
    public int Users { get; init; } = 2000;

    /// <summary>Posts.</summary>
    public int Posts { get; init; } = 500;

    /// <summary>Share of the accounts in community A (the rest are in B).</summary>
    public double ShareA { get; init; } = 0.55;

    /// <summary>Share of posts that both communities like (the ground-truth bridging posts).</summary>
    public double BridgingShare { get; init; } = 0.1;

    /// <summary>Share of posts favoured by one community only, split evenly between A and B.</summary>
    public double PartisanShare { get; init; } = 0.6;

    /// <summary>Average posts an account is shown (scaled per account by its activity, 0.5–1.5×).</summary>
    public double SeenPerUser { get; init; } = 60;

    /// <summary>Share of accounts whose impressions and "show less" are recorded (they read through
    /// the service); the others leave only favourites, boosts and replies, as plain Mastodon does.</summary>
    public double ImpressionShare { get; init; } = 0.5;

    /// <summary>Chance that an account endorses any post it sees, on top of the post's appeal.</summary>
    public double Noise { get; init; } = 0.02;

    /// <summary>Accounts in the coordinated cluster (0 for none).</summary>
    public int CoordinatedAccounts { get; init; } = 100;

    /// <summary>Besides the target, posts the cluster boosts together as cover.</summary>
    public int CoverPosts { get; init; } = 4;

    /// <summary>The cluster boosts each of its posts within this window.</summary>
    public TimeSpan CoordinationWindow { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>The end of the generated period: no signal is later.</summary>
    public DateTimeOffset Now { get; init; } = new(2026, 11, 26, 12, 0, 0, TimeSpan.Zero);

    /// <summary>Posts are published within this span before <see cref="Now"/>.</summary>
    public TimeSpan Span { get; init; } = TimeSpan.FromHours(48);

    /// <summary>Mean delay between publication and an account seeing the post.</summary>
    public TimeSpan MeanReactionDelay { get; init; } = TimeSpan.FromHours(3);

    /// <summary>The first problem with these options, or null when they can be generated.</summary>
    public string? Problem() => this switch
    {
        { Users: < 2 } => "users must be at least 2.",
        { Posts: < 10 } => "posts must be at least 10.",
        { ShareA: <= 0 or >= 1 } => "shareA must be between 0 and 1 (exclusive).",
        { BridgingShare: < 0 } or { PartisanShare: < 0 } => "shares must not be negative.",
        _ when BridgingShare + PartisanShare > 1 => "bridgingShare + partisanShare must be at most 1.",
        { SeenPerUser: < 1 } => "seenPerUser must be at least 1.",
        { ImpressionShare: < 0 or > 1 } => "impressionShare must be between 0 and 1.",
        { Noise: < 0 or > 1 } => "noise must be between 0 and 1.",
        { CoordinatedAccounts: < 0 } or { CoverPosts: < 0 } => "coordinated accounts and cover posts must not be negative.",
        _ => null,
    };
}
