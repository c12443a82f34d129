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

    /// <summary>RFC 7636 §4.1: 43-128 characters of <c>[A-Za-z0-9-._~]</c>.</summary>
    public static bool IsVerifier(string? text) =>
        text is { Length: >= 43 and <= 128 } && text.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '.' or '_' or '~');

    /// <summary>A challenge the method can produce: S256 is base64url of a SHA-256 (43 characters),
    /// plain is a verifier itself.</summary>
    public static bool IsChallenge(string challenge, string method) => method switch
    {
        "S256" => challenge.Length == 43 && challenge.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'),
        "plain" => IsVerifier(challenge),
        _ => false,
    };

    /// <summary>RFC 7636: the verifier matches the challenge stored with the code.</summary>
    public static bool VerifierMatches(string? verifier, string challenge, string? method)
    {
        if (!IsVerifier(verifier))
            return false;
        var computed = method == "S256" ? Base64Url(SHA256.HashData(Encoding.ASCII.GetBytes(verifier!))) : verifier;
        return SameSecret(computed, challenge);
    }

    private static string Base64Url(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
