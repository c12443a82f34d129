using Middleware.Core.Inbox;

namespace Middleware.Core.Ingest;

/// <summary>How processing one inbox entry ended: its final state, and when it is
/// <see cref="InboxState.Done"/>, the changes to apply.</summary>
public sealed record ProcessedEntry(long InboxEntryId, InboxState State, IReadOnlyList<Change> Changes, string? Note);

public interface IChangeWriter
{
    /// <summary>Applies the changes in one transaction. When <paramref name="inboxEntryId"/> is
    /// given, the inbox entry is marked done in that same transaction: this is what makes
    /// processing exactly-once across crashes.</summary>
    Task ApplyAsync(IReadOnlyList<Change> changes, long? inboxEntryId, CancellationToken ct = default);

    /// <summary>Closes several processed entries in one transaction (group commit): each entry that
    /// is still pending gets its final state, and a done entry's changes are applied with it. Returns,
    /// per entry, false when it was no longer pending (nothing applied). Either all commit or none.</summary>
    Task<IReadOnlyList<bool>> CompleteAsync(IReadOnlyList<ProcessedEntry> entries, CancellationToken ct = default);
}
