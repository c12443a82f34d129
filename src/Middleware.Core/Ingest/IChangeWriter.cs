namespace Middleware.Core.Ingest;

public interface IChangeWriter
{
    /// <summary>Applies the changes in one transaction. When <paramref name="inboxEntryId"/> is
    /// given, the inbox entry is marked done in that same transaction: this is what makes
    /// processing exactly-once across crashes.</summary>
    Task ApplyAsync(IReadOnlyList<Change> changes, long? inboxEntryId, CancellationToken ct = default);
}
