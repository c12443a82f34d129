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
/// key). <c>refresh</c> skips both caches: used once when verification fails, for key rotation.
/// A key belongs to an actor only when the key's own document says so: the document at the key id
/// is that actor, or a key document whose <c>owner</c> (or <c>controller</c>) is an actor listing
/// the key. Whatever another actor's document claims is never believed. Failed fetches are
/// remembered for <see cref="FailedLookups.Lifetime"/>, so a bad keyId costs one fetch, not one per request.</summary>
public sealed class PublicKeyResolver(IRemoteActorStore store, IDocumentFetcher fetcher, ActorResolver actors, TimeProvider clock)
    : IDisposable
{
    /// <summary>Entries expire so that rotated keys are picked up even without a failure.</summary>
    public static readonly TimeSpan CacheLifetime = TimeSpan.FromHours(1);
    public const int CacheCapacity = 10_000;
    public static readonly TimeSpan MinRefreshInterval = TimeSpan.FromMinutes(1);

    private readonly MemoryCache _cache = new(new MemoryCacheOptions { SizeLimit = CacheCapacity });
    private readonly FailedLookups _failed = new(clock);

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
            // As Mastodon's uri_to_actor(key_id): the stored actor whose id is the key's document, and
            // only if it lists this very key. A key id another actor's document claims is not found here.
            var stored = await store.FindAsync(DocumentUrl(keyId), ct);
            if (stored?.PublicKeyPem is not null && stored.PublicKeyId == keyId && clock.GetUtcNow() - stored.FetchedAt < ActorResolver.MaxAge)
                return Remember(keyId, new PublicKeyLookup(stored.Uri, stored.PublicKeyPem, null), refreshed: false);
        }
        if (_failed.Find(keyId) is { } failure)
            return failure;
        var fetched = await FetchAsync(keyId, ct);
        if (fetched.Pem is null)
        {
            _failed.Remember(keyId, fetched);
            return fetched;
        }
        _failed.Forget(keyId);
        return Remember(keyId, fetched with { Fresh = true }, refreshed: refresh);
    }

    private static string DocumentUrl(string keyId) => keyId.Split('#', 2)[0];

    private async Task<PublicKeyLookup> FetchAsync(string keyId, CancellationToken ct)
    {
        var documentUrl = DocumentUrl(keyId);
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
                // A key document names its owner (controller in FEP-521a); the owner's own
                // document must then list the key.
                var ownerUri = doc.Root.RefId("owner") ?? doc.Root.RefId("controller");
                if (ownerUri is null)
                    return new PublicKeyLookup(null, null, $"The document at {documentUrl} is neither an actor nor a key with an owner.");
                var lookup = await actors.ResolveAsync(ownerUri, refresh: true, ct);
                if (lookup.Actor is null)
                    return new PublicKeyLookup(null, null, lookup.Error, lookup.Transient);
                if (lookup.Actor.Uri != ownerUri)
                    return new PublicKeyLookup(null, null, $"The key {keyId} names {ownerUri}, which is not that actor's id.");
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
