using Middleware.Core.Audit;

namespace Middleware.Server.ClientApi.FeedSurfaces;

/// <summary>The top of one ranking of a feed, fixed for a person paging through it on one surface (a
/// feed-list or trends): the posts' URIs in ranked order, and what was served from them. Posts are
/// found at the person's home instance page by page, so the window also remembers which home status
/// id stood at which position (apps that page with the last status's id rather than our cursor) and
/// the order in which statuses were served (apps that page trends by counting what they have).</summary>
public sealed class FeedWindow
{
    /// <summary>How many refreshed windows keep their predecessors (for apps paging by status id).</summary>
    private const int MaxChain = 3;

    private readonly object gate = new();
    private readonly Dictionary<string, int> positionOfHomeId = new(StringComparer.Ordinal);
    private readonly List<int> served = [];
    private int examined;

    /// <param name="id">Random id for cursors.</param>
    /// <param name="surface">The list id or <c>trends</c>.</param>
    /// <param name="feed">The feed's name.</param>
    /// <param name="postUris">The posts in ranked order.</param>
    /// <param name="refreshed">For a refresh: the window it follows, whose posts it leaves out.</param>
    public FeedWindow(string id, string surface, string feed, IReadOnlyList<string> postUris, FeedWindow? refreshed = null)
    {
        Id = id;
        Surface = surface;
        Feed = feed;
        PostUris = postUris;
        IsRefresh = refreshed is not null;
        Earlier = refreshed is null ? new HashSet<string>(StringComparer.Ordinal)
            : new HashSet<string>(refreshed.Earlier.Concat(refreshed.Seen()), StringComparer.Ordinal);
        Previous = refreshed is null || refreshed.Depth >= MaxChain ? null : refreshed;
        Bytes = 1_024 + 2L * (PostUris.Sum(u => u.Length + 48) + Earlier.Sum(u => u.Length + 48));
    }

    /// <summary>A window of the posts that were new at a refresh (served from its top, never paged down).</summary>
    public bool IsRefresh { get; }

    /// <summary>What the app may already show from this window: all of a first window (its next links
    /// reach every post), only what was served of a refresh.</summary>
    private IEnumerable<string> Seen() => IsRefresh ? PostUris.Take(Examined) : PostUris;

    /// <summary>Random id, part of every cursor into this window.</summary>
    public string Id { get; }

    /// <summary>The list id (<c>mw-feed-…</c>) or <c>trends</c>.</summary>
    public string Surface { get; }

    public string Feed { get; }

    public IReadOnlyList<string> PostUris { get; }

    /// <summary>These posts beside the same candidates newest first, for the audit (ADR 0028).</summary>
    public AuditFrame Audit { get; init; } = AuditFrame.Empty;

    /// <summary>Posts a refresh must not show again: what the windows before it held.</summary>
    public IReadOnlySet<string> Earlier { get; }

    /// <summary>The window this one refreshed, while the chain is short.</summary>
    public FeedWindow? Previous { get; private set; }

    private int Depth => Previous is null ? 0 : 1 + Previous.Depth;

    /// <summary>Roughly what the window holds in memory.</summary>
    public long Bytes { get; }

    /// <summary>How many statuses were served from this window so far.</summary>
    public int ServedCount
    {
        get
        {
            lock (gate)
                return served.Count;
        }
    }

    /// <summary>The position after the last one examined (found or not): where serving goes on.</summary>
    public int Examined
    {
        get
        {
            lock (gate)
                return examined;
        }
    }

    /// <summary>Notes that the status <paramref name="homeId"/> stood at <paramref name="position"/>
    /// and was served; a position served before is not counted twice.</summary>
    public void Served(int position, string homeId)
    {
        lock (gate)
        {
            if (positionOfHomeId.TryAdd(homeId, position))
                served.Add(position);
        }
    }

    /// <summary>Notes that every position before <paramref name="position"/> was looked at.</summary>
    public void ExaminedUpTo(int position)
    {
        lock (gate)
            examined = Math.Max(examined, position);
    }

    /// <summary>The position of the <paramref name="index"/>-th status served, or null past the end.</summary>
    public int? PositionOfServed(int index)
    {
        lock (gate)
            return index >= 0 && index < served.Count ? served[index] : null;
    }

    /// <summary>The window (this one or one it refreshed) where the status <paramref name="homeId"/>
    /// was served, and its position there.</summary>
    public (FeedWindow Window, int Position)? Locate(string homeId)
    {
        for (var window = this; window is not null; window = window.Previous)
        {
            lock (window.gate)
            {
                if (window.positionOfHomeId.TryGetValue(homeId, out var position))
                    return (window, position);
            }
        }
        return null;
    }
}
