namespace Middleware.Core.Inbox;

/// <summary>The durable inbox: raw verified activities, each processed exactly once.</summary>
public interface IInboxStore
{
    /// <summary>Stores the entries in one transaction. For each entry, true when it is new and
    /// false when the same signer's activity with that id was already stored (idempotent redelivery).</summary>
    Task<IReadOnlyList<bool>> AppendAsync(IReadOnlyList<NewInboxEntry> entries, CancellationToken ct = default);

    /// <summary>Stores the entries as <see cref="AppendAsync"/> does, and in the same statement claims
    /// for this node, until <see cref="AppendClaim.Until"/>, each of the first
    /// <see cref="AppendClaim.Max"/> entries that a claim could take now: its actor's earliest pending
    /// entry that is due or held is none, or is held by this node (the rule of
    /// <see cref="IInboxClaims.ClaimAsync"/>). The node that stored an entry can then work on it
    /// without reading it back (ADR 0042).</summary>
    Task<IReadOnlyList<AppendedEntry>> AppendAndClaimAsync(
        IReadOnlyList<NewInboxEntry> entries, AppendClaim claim, CancellationToken ct = default);

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
