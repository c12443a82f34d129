namespace Middleware.Core.Retention;

/// <summary>One batch of a retention pass: how many rows it changed, the last id it looked at (the
/// next batch continues after it) and whether a full batch was found, so that more may follow.</summary>
public sealed record RetentionBatch(int Count, long LastId, bool More)
{
    public static readonly RetentionBatch None = new(0, 0, false);
}

/// <summary>What the retention job trims. Each call is one batch: rows are found without holding the
/// writer and changed in one short background write, so a large backlog never blocks the inbox.</summary>
public interface IRetentionStore
{
    /// <summary>Empties the body of processed inbox entries (done, rejected, failed) processed before
    /// <paramref name="processedBefore"/>, after <paramref name="afterId"/>. The row stays: its
    /// activity id keeps refusing replays, and signer, type, state, note and times stay for the audit.</summary>
    Task<RetentionBatch> DropInboxBodiesAsync(DateTimeOffset processedBefore, long afterId, int batch, CancellationToken ct = default);

    /// <summary>Deletes delivered and failed deliveries queued before <paramref name="queuedBefore"/>,
    /// after <paramref name="afterId"/>; pending ones are never touched.</summary>
    Task<RetentionBatch> DeleteFinishedDeliveriesAsync(DateTimeOffset queuedBefore, long afterId, int batch, CancellationToken ct = default);

    /// <summary>Deletes the audit's served positions (ADR 0028) served before <paramref name="servedBefore"/>,
    /// after <paramref name="afterId"/>. The audit can then no longer count that period.</summary>
    Task<RetentionBatch> DeleteServedPositionsAsync(DateTimeOffset servedBefore, long afterId, int batch, CancellationToken ct = default);

    /// <summary>Deletes up to <paramref name="batch"/> expired rows of one kind of sign-in state (OAuth
    /// pending logins, authorization codes, web sign-ins, web sessions). Returns how many.</summary>
    Task<int> DeleteExpiredAsync(ExpiringKind kind, DateTimeOffset now, int batch, CancellationToken ct = default);
}

/// <summary>Short-lived sign-in state that is useless once expired.</summary>
public enum ExpiringKind
{
    OAuthPendingLogins,
    OAuthCodes,
    WebSignIns,
    WebSessions,
}
