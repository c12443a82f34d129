namespace Middleware.Ranking.Coordination;

/// <summary>What the guard knows about accounts besides their choices: when each was created (from
/// its actor document or an import) and which authors wrote near-duplicate texts (a group number
/// per author). Either may be empty; the guard then works from choices alone.</summary>
public sealed record CoordinationFacts(
    IReadOnlyDictionary<string, DateTimeOffset> Created,
    IReadOnlyDictionary<string, int> TextGroupOf,
    int TextGroups)
{
    public static CoordinationFacts None { get; } = new(new Dictionary<string, DateTimeOffset>(), new Dictionary<string, int>(), 0);
}
