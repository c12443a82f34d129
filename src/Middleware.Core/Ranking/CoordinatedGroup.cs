namespace Middleware.Core.Ranking;

/// <summary>A group of accounts the coordination guard found acting together in one refit, with the
/// evidence an audit shows: who, on which posts, when, why, and how strong the evidence is.</summary>
/// <param name="Kind">The strongest evidence: "burst" (a kind of account crowding a post's minutes),
/// "recurring bursts" (the same accounts bursting together at different moments) or "co-choices"
/// (pairs choosing the same posts at the same moments again and again).</param>
/// <param name="Score">−log10 of the chance of that evidence without coordination (capped at 300):
/// 9 means one in a billion.</param>
/// <param name="Members">The accounts' actor URIs.</param>
/// <param name="Posts">Posts at least two members chose, most members first.</param>
/// <param name="Reasons">Why it was flagged, in plain sentences, strongest first.</param>
public sealed record CoordinatedGroup(
    string Kind, double Score, IReadOnlyList<string> Members, IReadOnlyList<CoordinatedPost> Posts, IReadOnlyList<string> Reasons)
{
    /// <summary>The first of the members' choices of their shared posts, or null without shared posts.</summary>
    public DateTimeOffset? FirstAction => Posts.Count == 0 ? null : Posts.Min(p => p.First);

    /// <summary>The last of them.</summary>
    public DateTimeOffset? LastAction => Posts.Count == 0 ? null : Posts.Max(p => p.Last);
}

/// <summary>A post members of a group chose together: how many of them, and over how long.</summary>
public sealed record CoordinatedPost(string Post, int Members, DateTimeOffset First, DateTimeOffset Last);
