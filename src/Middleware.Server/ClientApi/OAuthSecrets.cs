using System.Security.Cryptography;
using System.Text;

namespace Middleware.Server.ClientApi;

/// <summary>Random secrets we hand out, the hashes we store instead of them, and PKCE checks.</summary>
public static class OAuthSecrets
{
    /// <summary>43 characters of base64url: 256 random bits.</summary>
    public static string NewSecret() => Base64Url(RandomNumberGenerator.GetBytes(32));

    /// <summary>Hex SHA-256: what is stored for codes and tokens, so a copy of the database does not
    /// give anyone a working token.</summary>
    public static string Hash(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    /// <summary>Constant-time comparison of two secrets.</summary>
    public static bool SameSecret(string? given, string expected) =>
        given is not null && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(given), Encoding.UTF8.GetBytes(expected));

    /// <summary>RFC 7636: the verifier matches the challenge stored with the code.</summary>
    public static bool VerifierMatches(string? verifier, string challenge, string? method)
    {
        if (verifier is null || verifier.Length is < 43 or > 128)
            return false;
        var computed = method == "S256" ? Base64Url(SHA256.HashData(Encoding.ASCII.GetBytes(verifier))) : verifier;
        return SameSecret(computed, challenge);
    }

    private static string Base64Url(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
