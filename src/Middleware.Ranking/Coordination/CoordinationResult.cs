namespace Middleware.Ranking.Coordination;

/// <summary>A post that members of a group chose together.</summary>
/// <param name="Post">The post's index in the refit.</param>
/// <param name="Members">Members that chose it.</param>
/// <param name="First">Unix seconds of the first member's choice.</param>
/// <param name="Last">Unix seconds of the last member's choice.</param>
internal readonly record struct SharedPost(int Post, int Members, long First, long Last);

/// <summary>A group of accounts found acting together, with its evidence.</summary>
/// <param name="Members">Rater indexes; each account is in one group at most.</param>
/// <param name="Posts">Posts chosen by at least two members, most members first.</param>
/// <param name="Score">Strength of the evidence: −log10 of the chance of it without coordination (capped at 300).</param>
/// <param name="Reasons">Why it was flagged, in plain sentences, strongest first.</param>
/// <param name="Kind">The strongest evidence: "burst", "recurring bursts" or "co-choices".</param>
internal sealed record FoundGroup(int[] Members, IReadOnlyList<SharedPost> Posts, double Score, IReadOnlyList<string> Reasons, string Kind);

/// <summary>What the guard found in one refit's signals.</summary>
/// <param name="GroupOf">Per rater, the index of its group in <see cref="Groups"/>, or -1.</param>
internal sealed record CoordinationResult(int[] GroupOf, IReadOnlyList<FoundGroup> Groups)
{
    public int AccountsFlagged { get; } = GroupOf.Count(g => g >= 0);

    public bool IsFlagged(int rater) => GroupOf[rater] >= 0;

    /// <summary>Nobody flagged: the guard switched off, or nothing found.</summary>
    public static CoordinationResult None(int raters) => new(Enumerable.Repeat(-1, raters).ToArray(), []);
}
