using Middleware.ActivityPub.Signatures;

namespace Middleware.ActivityPub.Federation;

public sealed record Authentication(string? SignerUri, string? Error, bool Transient = false)
{
    public bool Ok => SignerUri is not null;
}

/// <summary>Verifies the HTTP signature of an incoming request and names the actor whose key made
/// it. The cheap rules (time window, coverage, signed host, digest) run before the key is looked up,
/// so a stale, malformed or tampered request never makes us fetch anything. A failed verification
/// re-fetches the key once, for actors that rotated their keys.</summary>
public sealed class InboxAuthenticator(PublicKeyResolver keys, TimeProvider clock)
{
    public async Task<Authentication> AuthenticateAsync(SignedRequest request, CancellationToken ct)
    {
        var parsed = HttpSignatureParser.Parse(request);
        if (!parsed.Ok)
            return new Authentication(null, parsed.Error);
        var signature = parsed.Signature!;
        if (HttpSignatureVerifier.CheckRules(signature, request, clock.GetUtcNow()) is { } broken)
            return new Authentication(null, broken);

        var key = await keys.ResolveAsync(signature.KeyId, refresh: false, ct);
        if (key.Key is null)
            return new Authentication(null, key.Error, key.Transient);
        var result = HttpSignatureVerifier.Verify(signature, request, key.Key, clock.GetUtcNow());
        if (result.Valid)
            return new Authentication(key.OwnerUri, null);
        if (key.Fresh)
            return new Authentication(null, result.Error);

        var refreshed = await keys.ResolveAsync(signature.KeyId, refresh: true, ct);
        if (refreshed.Key is null || refreshed.Pem == key.Pem)
            return new Authentication(null, result.Error);
        var retried = HttpSignatureVerifier.Verify(signature, request, refreshed.Key, clock.GetUtcNow());
        return retried.Valid ? new Authentication(refreshed.OwnerUri, null) : new Authentication(null, retried.Error);
    }
}
