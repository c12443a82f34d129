using Middleware.ActivityPub.Streams;
using Middleware.Core.Actors;

namespace Middleware.ActivityPub.Federation;

public sealed record ActorLookup(RemoteActor? Actor, string? Error, bool Transient = false);

/// <summary>Remote actors from the store, fetched from their origin when unknown or stale.</summary>
public sealed class ActorResolver(IRemoteActorStore store, IDocumentFetcher fetcher, TimeProvider clock)
{
    /// <summary>Mastodon refreshes remote profiles about daily; so do we.</summary>
    public static readonly TimeSpan MaxAge = TimeSpan.FromDays(1);

    public async Task<ActorLookup> ResolveAsync(string actorUri, bool refresh, CancellationToken ct)
    {
        if (!JsonReading.IsHttpUri(actorUri))
            return new ActorLookup(null, "The actor id is not an http(s) URI.");
        if (!refresh)
        {
            var known = await store.FindAsync(actorUri, ct);
            if (known is not null && clock.GetUtcNow() - known.FetchedAt < MaxAge)
                return new ActorLookup(known, null);
        }
        if (await store.IsTombstonedAsync(actorUri, ct))
            return new ActorLookup(null, "The actor was deleted.");

        using var fetched = await fetcher.FetchAsync(actorUri, ct);
        if (fetched.Status != FetchStatus.Ok)
            return new ActorLookup(null, $"Fetching actor {actorUri} failed: {fetched.Error}", fetched.Status == FetchStatus.Transient);
        var (actor, error) = ActorDocument.Read(fetched.Root, clock.GetUtcNow());
        if (actor is null)
            return new ActorLookup(null, error);
        await store.UpsertAsync(actor, ct);
        return new ActorLookup(actor, null);
    }
}
