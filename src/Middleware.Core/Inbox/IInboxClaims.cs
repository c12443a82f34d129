namespace Middleware.Core.Inbox;

/// <summary>Inbox work claimed by this node (<see cref="Cluster.NodeIdentity"/>) for a lease, so that
/// nodes sharing one database never work on the same entry at once (ADR 0035). A claim is only as
/// good as its lease: a node renews what it still holds, and the "done" mark of an entry succeeds
/// only while the claim is still this node's.</summary>
public interface IInboxClaims
{
    /// <summary>Claims, until <paramref name="until"/>, at most <paramref name="max"/> pending entries
    /// whose retry time has come, whose id is above <paramref name="afterId"/>, and that are unclaimed
    /// or whose lease ran out; oldest first. An entry whose actor has an earlier pending entry that
    /// another node holds, or that this claim could not take, is left for later: an actor's
    /// activities apply in arrival order across nodes.</summary>
    Task<IReadOnlyList<InboxEntry>> ClaimAsync(
        int max, DateTimeOffset now, DateTimeOffset until, long afterId = 0, CancellationToken ct = default);

    /// <summary>Extends this node's claims on the pending entries among <paramref name="ids"/> to
    /// <paramref name="until"/>; returns how many it renewed. An entry this node is committing at that
    /// moment is skipped, not waited for: it is about to be done, or the next renewal gets it.</summary>
    Task<int> RenewAsync(IReadOnlyCollection<long> ids, DateTimeOffset until, CancellationToken ct = default);

    /// <summary>Gives up this node's claims on the pending entries among <paramref name="ids"/> (a
    /// stopping node's unstarted entries), so that another node need not wait for the lease.</summary>
    Task ReleaseAsync(IReadOnlyCollection<long> ids, CancellationToken ct = default);

    /// <summary>Releases every claim when this process is the only node the database can have
    /// (SQLite: the data directory is locked), so that a restart does not wait for the old leases.
    /// Does nothing on a shared database.</summary>
    Task ReleaseIfSoleNodeAsync(CancellationToken ct = default);
}
