namespace Middleware.Core.Cluster;

/// <summary>Whether this node does the work one node does for all (refits, feed boosts, timeline polls,
/// retention). Nodes on one database elect one leader; a node alone on its database (SQLite) always
/// leads (ADR 0036).</summary>
public interface ILeadership
{
    /// <summary>Whether this node leads now.</summary>
    bool IsLeading { get; }

    /// <summary>Waits until this node leads. The token returned is cancelled the moment it stops
    /// leading (its database session broke, or the node is stopping), so work started under it ends.</summary>
    Task<CancellationToken> WaitToLeadAsync(CancellationToken ct);
}

/// <summary>The leadership of a node that is alone on its database, and of tools and tests without a
/// cluster: it leads from the start and never stops.</summary>
public sealed class AlwaysLeading : ILeadership
{
    public static readonly AlwaysLeading Instance = new();

    private AlwaysLeading()
    {
    }

    public bool IsLeading => true;

    public Task<CancellationToken> WaitToLeadAsync(CancellationToken ct) => Task.FromResult(CancellationToken.None);
}
