namespace Middleware.Core.Actors;

public interface ILocalActorStore
{
    Task<LocalActor?> FindAsync(string username, CancellationToken ct = default);
    Task<IReadOnlyList<LocalActor>> ListAsync(CancellationToken ct = default);
    /// <summary>Inserts the actor unless one with that username exists; returns the stored one.</summary>
    Task<LocalActor> AddIfMissingAsync(LocalActor actor, CancellationToken ct = default);

    /// <summary>Changes the name and summary shown on the actor's profile; false when there is no such actor.</summary>
    Task<bool> UpdateProfileAsync(string username, string displayName, string summary, CancellationToken ct = default);
}
