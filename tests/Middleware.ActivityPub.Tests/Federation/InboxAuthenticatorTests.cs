using Microsoft.Extensions.Time.Testing;
using Middleware.ActivityPub.Federation;
using Middleware.ActivityPub.Signatures;
using static Middleware.ActivityPub.Tests.Signatures.SignatureTestData;

namespace Middleware.ActivityPub.Tests.Federation;

/// <summary>Cheap checks first (issue 11): a request that is stale, tampered or badly signed never makes
/// the inbox fetch a key.</summary>
public sealed class InboxAuthenticatorTests : IDisposable
{
    private readonly FakeTimeProvider _clock = new(Now);
    private readonly CountingFetcher _fetcher = new();
    private readonly PublicKeyResolver _keys;
    private readonly InboxAuthenticator _authenticator;

    public InboxAuthenticatorTests()
    {
        var store = new MemoryActorStore();
        _keys = new PublicKeyResolver(store, _fetcher, new ActorResolver(store, _fetcher, _clock), _clock);
        _authenticator = new InboxAuthenticator(_keys, _clock);
        _fetcher.Serve(Actor.ToString(), ActorJson.Of(Actor.ToString(), Actor + "#main-key", PublicKeyPem));
    }

    private static SignedRequest Post(DateTimeOffset at, Action<Dictionary<string, string>>? tamper = null)
    {
        using var key = PrivateKey();
        var headers = Headers(("Content-Type", "application/activity+json"));
        HttpSignatureSigner.SignDraftCavage("POST", Inbox, headers, Actor + "#main-key", key, FollowBody, at);
        tamper?.Invoke(headers);
        return Request("POST", Inbox, headers, FollowBody);
    }

    [Fact]
    public async Task A_good_request_fetches_the_key_once()
    {
        var result = await _authenticator.AuthenticateAsync(Post(Now), default);

        Assert.True(result.Ok, result.Error);
        Assert.Single(_fetcher.Fetched);
    }

    [Fact]
    public async Task A_stale_request_is_refused_without_any_fetch()
    {
        var result = await _authenticator.AuthenticateAsync(Post(Now.AddHours(-3)), default);

        Assert.Equal("Signed request date outside acceptable time window", result.Error);
        Assert.Empty(_fetcher.Fetched);
    }

    [Fact]
    public async Task A_body_that_does_not_match_its_digest_is_refused_without_any_fetch()
    {
        var result = await _authenticator.AuthenticateAsync(Post(Now, h => h["Digest"] = "SHA-256=" + Convert.ToBase64String(new byte[32])), default);

        Assert.False(result.Ok);
        Assert.Empty(_fetcher.Fetched);
    }

    [Fact]
    public async Task A_request_signed_for_another_server_is_refused_without_any_fetch()
    {
        var result = await _authenticator.AuthenticateAsync(Post(Now, h => h["Host"] = "other.example"), default);

        Assert.Equal("The signed Host header names another server", result.Error);
        Assert.Empty(_fetcher.Fetched);
    }

    public void Dispose() => _keys.Dispose();
}
