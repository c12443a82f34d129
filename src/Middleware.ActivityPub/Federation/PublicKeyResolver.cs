using Microsoft.Extensions.Caching.Memory;
using Middleware.ActivityPub.Signatures;
using Middleware.ActivityPub.Streams;
using Middleware.Core.Actors;

namespace Middleware.ActivityPub.Federation;

public sealed record PublicKeyLookup(string? OwnerUri, string? Pem, string? Error, bool Transient = false, bool Fresh = false)
{
    /// <summary>The key imported once, for verifying many requests.</summary>
    public SignerKey? Key { get; init; }

    /// <summary>When a failed verification last made us re-fetch the key (MinValue: never).</summary>
    public DateTimeOffset CachedAt { get; init; }
}

/// <summary>Finds the public key a signature names by its keyId: in a bounded in-memory cache, then
/// the actor store, then at its origin (an actor document, or a key document whose owner lists the
/// key). <c>refresh</c> skips both caches: used once when verification fails, for key rotation.</summary>
public sealed class PublicKeyResolver(IRemoteActorStore store, IDocumentFetcher fetcher, ActorResolver actors, TimeProvider clock)
    : IDisposable
{
    /// <summary>Entries expire so that rotated keys are picked up even without a failure.</summary>
    public static readonly TimeSpan CacheLifetime = TimeSpan.FromHours(1);
    public const int CacheCapacity = 10_000;
    public static readonly TimeSpan MinRefreshInterval = TimeSpan.FromMinutes(1);

    private readonly MemoryCache _cache = new(new MemoryCacheOptions { SizeLimit = CacheCapacity });

    public async Task<PublicKeyLookup> ResolveAsync(string keyId, bool refresh, CancellationToken ct)
    {
        if (!JsonReading.IsHttpUri(keyId))
            return new PublicKeyLookup(null, null, "The keyId is not an http(s) URI.");
        var hit = _cache.TryGetValue(keyId, out PublicKeyLookup? cached) && cached is not null;
        // A refresh at most once a minute per key: bad signatures must not make us a fetch amplifier.
        if (hit && (!refresh || clock.GetUtcNow() - cached!.CachedAt < MinRefreshInterval))
            return cached!;
        if (!refresh)
        {
            var stored = await store.FindByKeyIdAsync(keyId, ct);
            if (stored?.PublicKeyPem is not null && clock.GetUtcNow() - stored.FetchedAt < ActorResolver.MaxAge)
                return Remember(keyId, new PublicKeyLookup(stored.Uri, stored.PublicKeyPem, null), refreshed: false);
        }
        var fetched = await FetchAsync(keyId, ct);
        return fetched.Pem is null ? fetched : Remember(keyId, fetched with { Fresh = true }, refreshed: refresh);
    }

    private async Task<PublicKeyLookup> FetchAsync(string keyId, CancellationToken ct)
    {
        var documentUrl = keyId.Split('#', 2)[0];
        RemoteActor? owner;
        using (var doc = await fetcher.FetchAsync(documentUrl, ct))
        {
            if (doc.Status != FetchStatus.Ok)
                return new PublicKeyLookup(null, null, $"Could not fetch key {keyId}: {doc.Error}", doc.Status == FetchStatus.Transient);
            if (ActivityStreams.IsActorType(JsonReading.TypeOf(doc.Root)))
            {
                var (actor, error) = ActorDocument.Read(doc.Root, clock.GetUtcNow());
                if (actor is null)
                    return new PublicKeyLookup(null, null, error);
                await store.UpsertAsync(actor, ct);
                owner = actor;
            }
            else
            {
                // A key document: the owner's own document is authoritative.
                var ownerUri = doc.Root.RefId("owner");
                if (ownerUri is null)
                    return new PublicKeyLookup(null, null, $"The document at {documentUrl} is neither an actor nor a key with an owner.");
                var lookup = await actors.ResolveAsync(ownerUri, refresh: true, ct);
                if (lookup.Actor is null)
                    return new PublicKeyLookup(null, null, lookup.Error, lookup.Transient);
                owner = lookup.Actor;
            }
        }
        // The key counts only if its owner lists it.
        if (owner.PublicKeyId != keyId || owner.PublicKeyPem is null)
            return new PublicKeyLookup(null, null, $"Actor {owner.Uri} does not list key {keyId}.");
        return new PublicKeyLookup(owner.Uri, owner.PublicKeyPem, null);
    }

    private PublicKeyLookup Remember(string keyId, PublicKeyLookup lookup, bool refreshed)
    {
        var key = SignerKey.FromPem(lookup.Pem!);
        if (key is null)
            return lookup with { Pem = null, Error = $"The key {keyId} is not a valid RSA public key." };
        lookup = lookup with { Key = key };
        _cache.Set(keyId, lookup with { Fresh = false, CachedAt = refreshed ? clock.GetUtcNow() : DateTimeOffset.MinValue }, new MemoryCacheEntryOptions
        {
            Size = 1,
            AbsoluteExpirationRelativeToNow = CacheLifetime,
        });
        return lookup;
    }

    public void Dispose() => _cache.Dispose();
}
