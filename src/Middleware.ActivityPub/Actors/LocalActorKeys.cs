using System.Collections.Concurrent;
using System.Security.Cryptography;
using Middleware.Core.Actors;

namespace Middleware.ActivityPub.Actors;

/// <summary>Private keys of our actors, imported once and kept for signing.</summary>
public sealed class LocalActorKeys(ILocalActorStore store) : IDisposable
{
    private readonly ConcurrentDictionary<string, RSA> _keys = new(StringComparer.Ordinal);

    public async Task<RSA> GetAsync(string username, CancellationToken ct)
    {
        if (_keys.TryGetValue(username, out var key))
            return key;
        var actor = await store.FindAsync(username, ct)
                    ?? throw new InvalidOperationException($"No local actor named '{username}'.");
        var rsa = RSA.Create();
        rsa.ImportFromPem(actor.PrivateKeyPem);
        return _keys.GetOrAdd(username, rsa);
    }

    /// <summary>A fresh 2048-bit key pair as PEM (SPKI public, PKCS#8 private), as Mastodon uses.</summary>
    public static (string PublicPem, string PrivatePem) Generate()
    {
        using var rsa = RSA.Create(2048);
        return (rsa.ExportSubjectPublicKeyInfoPem(), rsa.ExportPkcs8PrivateKeyPem());
    }

    public void Dispose()
    {
        foreach (var key in _keys.Values)
            key.Dispose();
    }
}
