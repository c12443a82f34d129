namespace Middleware.Core.Delivery;

/// <summary>Deliveries claimed by this node (<see cref="Cluster.NodeIdentity"/>) for a lease, so that
/// nodes sharing one database do not send the same job at once (ADR 0035). The marks of
/// <see cref="IDeliveryQueue"/> succeed only while the claim is still this node's.</summary>
public interface IDeliveryClaims
{
    /// <summary>Claims, until <paramref name="until"/>, at most <paramref name="max"/> pending jobs due
    /// by <paramref name="now"/> that are unclaimed or whose lease ran out; earliest due first.</summary>
    Task<IReadOnlyList<DeliveryJob>> ClaimDueAsync(
        DateTimeOffset now, DateTimeOffset until, int max, CancellationToken ct = default);

    /// <summary>Extends this node's claims on the pending jobs among <paramref name="ids"/> to
    /// <paramref name="until"/>; returns how many it renewed. A job whose result this node is recording
    /// at that moment is skipped, not waited for.</summary>
    Task<int> RenewAsync(IReadOnlyCollection<long> ids, DateTimeOffset until, CancellationToken ct = default);

    /// <summary>Releases every claim when this process is the only node the database can have
    /// (SQLite); does nothing on a shared database.</summary>
    Task ReleaseIfSoleNodeAsync(CancellationToken ct = default);
}
