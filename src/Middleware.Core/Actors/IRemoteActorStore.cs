namespace Middleware.Core.Actors;

/// <summary>The cache of remote actors (and their public keys).</summary>
public interface IRemoteActorStore
{
    Task<RemoteActor?> FindAsync(string uri, CancellationToken ct = default);
    Task UpsertAsync(RemoteActor actor, CancellationToken ct = default);
    /// <summary>True when the actor was deleted: its content must never be stored again.</summary>
    Task<bool> IsTombstonedAsync(string uri, CancellationToken ct = default);
}
