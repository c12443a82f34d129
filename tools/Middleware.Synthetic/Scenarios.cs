namespace Middleware.Synthetic;

/// <summary>The named audiences the coordination guard is held to (docs/ranking.md, "The coordination
/// guard"), each at a size tests can fit in seconds; the seed varies the data, not the shape.</summary>
public static class Scenarios
{
    /// <summary>Names accepted by <see cref="Generate"/> and the command line's <c>--scenario</c>.</summary>
    public static IReadOnlyList<string> Names { get; } =
        ["cluster", "crowd", "botnet-spread", "botnet-burst", "sessions"];

    /// <summary>The organic audience every audience scenario starts from: 1,500 accounts, 400 posts.</summary>
    public static SyntheticOptions Audience(int seed, DateTimeOffset? now = null)
    {
        var o = new SyntheticOptions { Seed = seed, Users = 1500, Posts = 400, SeenPerUser = 50 };
        return now is { } at ? o with { Now = at } : o;
    }

    private static DeliberationOptions Sessions(int seed, DateTimeOffset? now)
    {
        var o = new DeliberationOptions { Seed = seed };
        return now is { } at ? o with { Now = at } : o;
    }

    /// <summary>The scenario with its data ending at <paramref name="now"/> (default: the generators' fixed moment).</summary>
    public static SyntheticData Generate(string name, int seed, DateTimeOffset? now = null) => name switch
    {
        // 100 old accounts boost one partisan post and cover posts on both sides, each within 5 minutes.
        "cluster" => SyntheticAudience.Generate(Audience(seed, now)),
        // A news moment: everyone acts within the same 10 minutes; nobody coordinates.
        "crowd" => SyntheticAudience.Generate(Audience(seed, now) with { Timing = Timing.Burst, CoordinatedAccounts = 0 }),
        // 25 new accounts boost one target within two minutes, each also six random posts on its own.
        "botnet-spread" => SyntheticAudience.Generate(Botnet(seed, now)),
        "botnet-burst" => SyntheticAudience.Generate(Botnet(seed, now) with { Timing = Timing.Burst }),
        // A deliberation: people vote in sessions on statements the service routes to them.
        "sessions" => Deliberation.Generate(Sessions(seed, now)),
        _ => throw new ArgumentException($"unknown scenario '{name}'; one of {string.Join(", ", Names)}.", nameof(name)),
    };

    private static SyntheticOptions Botnet(int seed, DateTimeOffset? now) => Audience(seed, now) with
    {
        Attack = Attack.Botnet, CoordinatedAccounts = 25, CoverPosts = 6, CoordinationWindow = TimeSpan.FromMinutes(2),
    };
}
