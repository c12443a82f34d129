namespace Middleware.Core.Sources;

public interface ISourceStore
{
    /// <summary>Stores a new source and returns it with its id.</summary>
    Task<Source> AddAsync(Source source, CancellationToken ct = default);
    Task<IReadOnlyList<Source>> ListAsync(CancellationToken ct = default);
    Task<Source?> FindAsync(long id, CancellationToken ct = default);
    Task<Source?> FindByTargetAsync(SourceType type, string target, CancellationToken ct = default);
    Task<Source?> FindByFollowActivityAsync(string followActivityUri, CancellationToken ct = default);
    Task<bool> DeleteAsync(long id, CancellationToken ct = default);
    Task UpdateStateAsync(long id, SourceState state, string? error, CancellationToken ct = default);
    /// <summary>Timelines: remembers how far the poller got and when to poll next.</summary>
    Task SaveCursorAsync(long id, string? cursor, DateTimeOffset nextPollAt, string? error, CancellationToken ct = default);
    /// <summary>Timelines whose next poll is due.</summary>
    Task<IReadOnlyList<Source>> ListDueTimelinesAsync(DateTimeOffset now, CancellationToken ct = default);
}
