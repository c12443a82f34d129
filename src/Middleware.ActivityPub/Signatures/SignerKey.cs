using System.Security.Cryptography;

namespace Middleware.ActivityPub.Signatures;

/// <summary>A signer's public key, imported once. Importing a PEM key costs several times more than
/// checking a signature with it, so callers that verify many requests of the same actor keep this
/// instead of the PEM text.</summary>
public sealed class SignerKey
{
    private readonly RSA _rsa;

    // One check at a time per key: .NET does not promise that RSA instances are thread-safe.
    private readonly Lock _lock = new();

    private SignerKey(RSA rsa) => _rsa = rsa;

    /// <summary>Null when the text holds no usable RSA key (SPKI or PKCS#1 PEM).</summary>
    public static SignerKey? FromPem(string pem) =>
        SignatureAlgorithms.ImportPublicKey(pem) is { } rsa ? new SignerKey(rsa) : null;

    internal bool Verify(string algorithm, ReadOnlySpan<byte> data, ReadOnlySpan<byte> signature)
    {
        lock (_lock)
            return SignatureAlgorithms.Verify(algorithm, _rsa, data, signature);
    }
}
