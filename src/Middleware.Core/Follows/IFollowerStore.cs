namespace Middleware.Core.Follows;

/// <summary>Reads of who follows our actors. Writes go through <see cref="Ingest.IChangeWriter"/>.</summary>
public interface IFollowerStore
{
    Task<IReadOnlyList<Follower>> ListAsync(string localUsername, CancellationToken ct = default);
    Task<int> CountAsync(string localUsername, CancellationToken ct = default);
}
