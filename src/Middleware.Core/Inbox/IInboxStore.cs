namespace Middleware.Core.Inbox;

/// <summary>The durable inbox: raw verified activities, each processed exactly once.</summary>
public interface IInboxStore
{
    /// <summary>Stores the entries in one transaction. For each entry, true when it is new and
    /// false when the same signer's activity with that id was already stored (idempotent redelivery).</summary>
    Task<IReadOnlyList<bool>> AppendAsync(IReadOnlyList<NewInboxEntry> entries, CancellationToken ct = default);

    /// <summary>The oldest pending entries whose retry time has come and whose id is above
    /// <paramref name="afterId"/>, oldest first, without claiming them (a look, not work: workers
    /// claim through <see cref="IInboxClaims"/>).</summary>
    Task<IReadOnlyList<InboxEntry>> TakePendingAsync(int max, DateTimeOffset now, long afterId = 0, CancellationToken ct = default);

    /// <summary>Leaves the entry pending and tries it again later (a transient failure), releasing
    /// this node's claim. Like <see cref="CloseAsync"/>, it does nothing unless the entry is pending
    /// and claimed by this node.</summary>
    Task DeferAsync(long id, string error, DateTimeOffset retryAt, CancellationToken ct = default);

    /// <summary>Ends processing of an entry without changes (rejected, ignored or given up).</summary>
    Task CloseAsync(long id, InboxState state, string? note, CancellationToken ct = default);

    Task<long> CountPendingAsync(CancellationToken ct = default);
}
