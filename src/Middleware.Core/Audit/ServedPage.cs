using Middleware.Ranking;

namespace Middleware.Core.Audit;

/// <summary>Where a feed's posts reached people. Stored as a small number; the names are for docs and CSV.</summary>
public enum ServedSurface
{
    /// <summary>The open feed API's skeleton pages.</summary>
    Skeleton = 1,

    /// <summary>A boost by the feed account to its followers.</summary>
    Boost = 2,

    /// <summary>A home timeline ranked by the feed (client API).</summary>
    Home = 3,

    /// <summary>The feed read as a list in a Mastodon app.</summary>
    List = 4,

    /// <summary>The feed answering an app's trending posts.</summary>
    Trends = 5,

    /// <summary>The feed's web page, <c>/feeds/{name}</c>.</summary>
    Web = 6,
}

/// <summary>What the audit keeps of a post: enough to group exposure, and nothing about who saw it.</summary>
/// <param name="CoordinationScore">0 to 1: the share of its endorsers in flagged coordination groups, when served.</param>
public sealed record ServedPost(string Uri, string Author, string Instance, string? Language, DateTimeOffset Published, double CoordinationScore)
{
    public static ServedPost Of(Candidate c) => new(c.PostUri, c.Author, c.Instance, c.Language, c.Published, c.CoordinationScore);
}

/// <summary>One served position: the post the feed put at <paramref name="Position"/> (zero-based) and the
/// post chronological order would have put there among the same candidates (null when there was none).</summary>
public sealed record ServedPosition(int Position, ServedPost Post, ServedPost? Baseline);

/// <summary>What one serve of a feed showed, anonymously: feed, surface, positions and time. Never a viewer.</summary>
public sealed record ServedPage(string Feed, ServedSurface Surface, DateTimeOffset ServedAt, IReadOnlyList<ServedPosition> Positions);

/// <summary>Records what feeds served, for the amplification audit (docs/audit.md).</summary>
public interface IServedPositionRecorder
{
    /// <summary>Queues the serve to be written off the request path. Never throws and never waits: when the
    /// queue is full the serve is dropped (and counted in the log), so serving is never slowed.</summary>
    void Record(ServedPage page);
}
