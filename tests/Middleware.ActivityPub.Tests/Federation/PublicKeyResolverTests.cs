using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using Middleware.ActivityPub.Federation;

namespace Middleware.ActivityPub.Tests.Federation;

/// <summary>Whose key is it (issue 11): only the key's own document decides, and failed lookups are
/// remembered so that bad keyIds do not make us fetch for every request.</summary>
public sealed class PublicKeyResolverTests : IDisposable
{
    private const string Alice = "https://a.example/users/alice";
    private const string AliceKey = Alice + "#main-key";
    private const string Mallory = "https://m.example/users/mallory";

    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 26, 9, 0, 0, TimeSpan.Zero));
    private readonly CountingFetcher _fetcher = new();
    private readonly MemoryActorStore _store = new();
    private readonly List<PublicKeyResolver> _resolvers = [];
    private readonly string _alicePem = Pem();
    private readonly string _malloryPem = Pem();

    public PublicKeyResolverTests() => _fetcher.Serve(Alice, ActorJson.Of(Alice, AliceKey, _alicePem));

    private PublicKeyResolver NewResolver()
    {
        var resolver = new PublicKeyResolver(_store, _fetcher, Actors(), _clock);
        _resolvers.Add(resolver);
        return resolver;
    }

    private ActorResolver Actors() => new(_store, _fetcher, _clock);

    private static string Pem()
    {
        using var rsa = RSA.Create(2048);
        return rsa.ExportSubjectPublicKeyInfoPem();
    }

    [Fact]
    public async Task Another_actor_listing_the_key_id_does_not_take_the_key_over()
    {
        Assert.Equal(Alice, (await NewResolver().ResolveAsync(AliceKey, refresh: false, default)).OwnerUri);
        // Mallory's document claims Alice's key id with Mallory's key, and is fetched later.
        _clock.Advance(TimeSpan.FromMinutes(5));
        _fetcher.Serve(Mallory, ActorJson.Of(Mallory, AliceKey, _malloryPem));
        Assert.NotNull((await Actors().ResolveAsync(Mallory, refresh: true, default)).Actor);

        var lookup = await NewResolver().ResolveAsync(AliceKey, refresh: false, default);

        Assert.Equal(Alice, lookup.OwnerUri);
        Assert.Equal(_alicePem, lookup.Pem);
    }

    [Fact]
    public async Task A_key_document_is_believed_only_when_its_owner_lists_it()
    {
        const string keyId = "https://m.example/keys/1";
        _fetcher.Serve(keyId, JsonSerializer.Serialize(new { id = keyId, type = "Key", owner = Alice, publicKeyPem = _malloryPem }));

        var lookup = await NewResolver().ResolveAsync(keyId, refresh: false, default);

        Assert.Null(lookup.Pem);
        Assert.Equal($"Actor {Alice} does not list key {keyId}.", lookup.Error);
    }

    [Fact]
    public async Task A_key_document_names_its_owner_by_owner_or_controller()
    {
        const string keyId = "https://a.example/users/alice/main-key";
        _fetcher.Serve(Alice, ActorJson.Of(Alice, keyId, _alicePem));
        _fetcher.Serve(keyId, JsonSerializer.Serialize(new { id = keyId, type = "Key", controller = Alice, publicKeyPem = _alicePem }));

        var lookup = await NewResolver().ResolveAsync(keyId, refresh: false, default);

        Assert.Equal(Alice, lookup.OwnerUri);
    }

    [Fact]
    public async Task A_failed_lookup_is_remembered_for_ten_minutes()
    {
        const string missing = "https://gone.example/users/nobody#main-key";
        var resolver = NewResolver();

        var first = await resolver.ResolveAsync(missing, refresh: false, default);
        for (var i = 0; i < 20; i++)
            Assert.Equal(first, await resolver.ResolveAsync(missing, refresh: false, default));
        Assert.Single(_fetcher.Fetched, "https://gone.example/users/nobody");

        _clock.Advance(FailedLookups.Lifetime);
        await resolver.ResolveAsync(missing, refresh: false, default);
        Assert.Equal(2, _fetcher.Fetched.Count);
    }

    [Fact]
    public void Remembered_failures_are_bounded()
    {
        var failed = new FailedLookups(_clock, capacity: 100);
        for (var i = 0; i < 1_000; i++)
            failed.Remember($"https://x.example/{i}", new PublicKeyLookup(null, null, "no"));

        Assert.NotNull(failed.Find("https://x.example/999"));
        Assert.Null(failed.Find("https://x.example/0"));
    }

    public void Dispose()
    {
        foreach (var resolver in _resolvers)
            resolver.Dispose();
    }
}
