namespace Middleware.Synthetic;

/// <summary>When the organic audience acts.</summary>
public enum Timing
{
    /// <summary>Each account reacts some hours after a post is published (exponential delay): a
    /// normal day, activity spread over the whole span.</summary>
    Spread,
    /// <summary>Everyone acts within the same few minutes (<see cref="SyntheticOptions.BurstLength"/>):
    /// a news moment, or a feed account boosting to thousands of followers at once.</summary>
    Burst,
}

/// <summary>What the coordinated accounts do.</summary>
public enum Attack
{
    /// <summary>A cluster boosts one community-A partisan post and, as cover, half of it two A posts and
    /// half two B posts, each post within <see cref="SyntheticOptions.CoordinationWindow"/>.</summary>
    Cluster,
    /// <summary>A botnet of new accounts boosts one target within <see cref="SyntheticOptions.CoordinationWindow"/>
    /// and each account also boosts <see cref="SyntheticOptions.CoverPosts"/> random other posts, at the
    /// organic audience's timing (so each looks like a light, ordinary account).</summary>
    Botnet,
}

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

    /// <summary>Accounts in the coordinated cluster or botnet (0 for none).</summary>
    public int CoordinatedAccounts { get; init; } = 100;

    /// <summary>The shape of the attack.</summary>
    public Attack Attack { get; init; } = Attack.Cluster;

    /// <summary>Cluster: posts it boosts together as cover besides the target. Botnet: random other
    /// posts each account boosts on its own.</summary>
    public int CoverPosts { get; init; } = 4;

    /// <summary>The coordinated accounts boost the target (and a cluster each cover post) within this window.</summary>
    public TimeSpan CoordinationWindow { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>When the organic audience acts.</summary>
    public Timing Timing { get; init; } = Timing.Spread;

    /// <summary>With <see cref="Timing.Burst"/>: every organic reaction falls in this many minutes,
    /// ending five minutes before <see cref="Now"/>.</summary>
    public TimeSpan BurstLength { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>Share of organic accounts created within the two weeks before the span (newcomers);
    /// the others are 30 days to 5 years old.</summary>
    public double NewAccountShare { get; init; } = 0.03;

    /// <summary>Botnet accounts are created at most this long before they first act.</summary>
    public TimeSpan BotAccountAge { get; init; } = TimeSpan.FromDays(7);

    /// <summary>The end of the generated period: no signal is later.</summary>
    public DateTimeOffset Now { get; init; } = new(2026, 11, 26, 12, 0, 0, TimeSpan.Zero);

    /// <summary>Posts are published within this span before <see cref="Now"/>.</summary>
    public TimeSpan Span { get; init; } = TimeSpan.FromHours(48);

    /// <summary>Mean delay between publication and an account seeing the post.</summary>
    public TimeSpan MeanReactionDelay { get; init; } = TimeSpan.FromHours(3);

    /// <summary>With <see cref="Timing.Burst"/>, when the news moment starts.</summary>
    public DateTimeOffset BurstStart => Now - TimeSpan.FromMinutes(5) - BurstLength;

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
        { NewAccountShare: < 0 or > 1 } => "newAccountShare must be between 0 and 1.",
        _ when BurstLength <= TimeSpan.Zero || BurstLength > Span => "burstLength must be positive and at most the span.",
        _ => null,
    };
}
