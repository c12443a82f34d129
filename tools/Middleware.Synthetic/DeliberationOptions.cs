namespace Middleware.Synthetic;

/// <summary>The shape of a deliberation, as Polis runs one: participants from two groups come in
/// sessions (an invitation goes out, many arrive within the hour) and vote agree, disagree or pass
/// on statements the service picks for them, preferring those with fewest votes.</summary>
public sealed record DeliberationOptions
{
    public int Seed { get; init; } = 1;

    /// <summary>People who take part.</summary>
    public int Participants { get; init; } = 1200;

    /// <summary>Statements (the posts voted on).</summary>
    public int Statements { get; init; } = 150;

    /// <summary>Share of participants in group A.</summary>
    public double ShareA { get; init; } = 0.55;

    /// <summary>Share of statements both groups agree with.</summary>
    public double BridgingShare { get; init; } = 0.15;

    /// <summary>Share of statements one group agrees with and the other rejects, split evenly.</summary>
    public double PartisanShare { get; init; } = 0.5;

    /// <summary>Sessions: each participant comes in one of them.</summary>
    public int Sessions { get; init; } = 8;

    /// <summary>Participants of a session arrive within this time.</summary>
    public TimeSpan SessionLength { get; init; } = TimeSpan.FromHours(1);

    /// <summary>Average votes per participant (each votes 0.5–1.5 times this many, at most all statements).</summary>
    public double VotesPerParticipant { get; init; } = 25;

    /// <summary>Time between one participant's votes.</summary>
    public TimeSpan VoteInterval { get; init; } = TimeSpan.FromSeconds(20);

    /// <summary>The end of the deliberation; sessions are spread over the days before it.</summary>
    public DateTimeOffset Now { get; init; } = new(2026, 11, 26, 12, 0, 0, TimeSpan.Zero);

    /// <summary>Sessions happen within this span before <see cref="Now"/>.</summary>
    public TimeSpan Span { get; init; } = TimeSpan.FromDays(6);

    public string? Problem() => this switch
    {
        { Participants: < 2 } => "participants must be at least 2.",
        { Statements: < 10 } => "statements must be at least 10.",
        { ShareA: <= 0 or >= 1 } => "shareA must be between 0 and 1 (exclusive).",
        { BridgingShare: < 0 } or { PartisanShare: < 0 } => "shares must not be negative.",
        _ when BridgingShare + PartisanShare > 1 => "bridgingShare + partisanShare must be at most 1.",
        { Sessions: < 1 } => "sessions must be at least 1.",
        { VotesPerParticipant: < 1 } => "votesPerParticipant must be at least 1.",
        _ when SessionLength <= TimeSpan.Zero || Span < SessionLength * Sessions => "the span must hold every session.",
        _ => null,
    };
}
