namespace Middleware.Core.Audit;

/// <summary>The served positions, written in batches and counted per post for the audit.</summary>
public interface IServedPositionStore
{
    /// <summary>Appends the serves in one transaction (also the way to fill the audit in bulk, e.g. a demo).</summary>
    Task AppendAsync(IReadOnlyList<ServedPage> pages, CancellationToken ct = default);

    /// <summary>Every post exposed by the feed, or by its chronological baseline, in [from, to).</summary>
    Task<IReadOnlyList<PostExposure>> ExposuresAsync(string feed, DateTimeOffset from, DateTimeOffset to, CancellationToken ct = default);
}
