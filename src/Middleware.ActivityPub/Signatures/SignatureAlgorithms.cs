using System.Security.Cryptography;

namespace Middleware.ActivityPub.Signatures;

/// <summary>Maps algorithm names to RSA operations and imports public keys.</summary>
internal static class SignatureAlgorithms
{
    public const string RsaSha256 = "rsa-sha256";
    public const string Hs2019 = "hs2019";
    public const string RsaV15Sha256 = "rsa-v1_5-sha256";
    public const string RsaPssSha512 = "rsa-pss-sha512";

    // Mastodon builds its RFC 9421 key as rsa-v1_5-sha256 only; we also take rsa-pss-sha512, which costs nothing.
    public static bool IsSupportedRfc9421(string algorithm) => algorithm is RsaV15Sha256 or RsaPssSha512;

    /// <summary>
    /// Verifies with the named algorithm. hs2019 leaves the choice to the key; with an RSA key Mastodon (and so we)
    /// use RSASSA-PKCS1-v1_5 with SHA-256.
    /// </summary>
    public static bool Verify(string algorithm, RSA key, ReadOnlySpan<byte> data, ReadOnlySpan<byte> signature) =>
        algorithm switch
        {
            RsaSha256 or Hs2019 or RsaV15Sha256 =>
                key.VerifyData(data, signature, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1),
            // RFC 9421 section 3.3.1: PSS with SHA-512, MGF1 SHA-512 and a 64-byte salt, which is .NET's Pss.
            RsaPssSha512 => key.VerifyData(data, signature, HashAlgorithmName.SHA512, RSASignaturePadding.Pss),
            _ => false,
        };

    /// <summary>
    /// Imports an RSA public key from PEM: SPKI (<c>BEGIN PUBLIC KEY</c>) or PKCS#1 (<c>BEGIN RSA PUBLIC KEY</c>).
    /// Returns null when the text holds no usable RSA key.
    /// </summary>
    public static RSA? ImportPublicKey(string pem)
    {
        var rsa = RSA.Create();
        try
        {
            // Actor documents sometimes carry the PEM with literal "\n" escapes left in.
            rsa.ImportFromPem(pem.Replace("\\n", "\n", StringComparison.Ordinal));
            return rsa;
        }
        catch (Exception e) when (e is ArgumentException or CryptographicException)
        {
            rsa.Dispose();
            return null;
        }
    }
}
