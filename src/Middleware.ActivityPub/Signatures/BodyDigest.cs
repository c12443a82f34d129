using System.Security.Cryptography;

namespace Middleware.ActivityPub.Signatures;

/// <summary>
/// Body digests as the two signature schemes carry them: <c>Digest: SHA-256=&lt;b64&gt;</c> (RFC 3230, used with
/// draft-cavage) and <c>Content-Digest: sha-256=:&lt;b64&gt;:</c> (RFC 9530, used with RFC 9421).
/// </summary>
public static class BodyDigest
{
    /// <summary>The base64 SHA-256 of the body.</summary>
    public static string Sha256Base64(ReadOnlySpan<byte> body) => Convert.ToBase64String(SHA256.HashData(body));

    /// <summary>The <c>Digest</c> header value for the body: <c>SHA-256=&lt;b64&gt;</c>.</summary>
    public static string DigestHeader(ReadOnlySpan<byte> body) => "SHA-256=" + Sha256Base64(body);

    /// <summary>The <c>Content-Digest</c> header value for the body: <c>sha-256=:&lt;b64&gt;:</c>.</summary>
    public static string ContentDigestHeader(ReadOnlySpan<byte> body) => "sha-256=:" + Sha256Base64(body) + ":";

    /// <summary>Checks a <c>Digest</c> header against the body; returns why it does not match, or null.</summary>
    internal static string? CheckDigest(string header, ReadOnlySpan<byte> body)
    {
        // Several algorithms may be offered ("SHA-256=..., SHA-512=..."); only SHA-256 counts, as in Mastodon.
        var offered = header.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(part => part.Split('=', 2))
            .Select(pair => (Algorithm: pair[0].ToLowerInvariant(), Value: pair.Length > 1 ? pair[1].Trim() : string.Empty))
            .ToList();
        var sha256 = offered.FirstOrDefault(d => d.Algorithm == "sha-256");
        if (sha256.Algorithm is null)
        {
            return "Mastodon only supports SHA-256 in Digest header. Offered algorithms: "
                + string.Join(", ", offered.Select(d => d.Algorithm));
        }

        var computed = Sha256Base64(body);
        if (sha256.Value == computed)
        {
            return null;
        }

        byte[] given;
        try
        {
            given = Convert.FromBase64String(sha256.Value);
        }
        catch (FormatException)
        {
            return $"Invalid Digest value. The provided Digest value is not a valid base64 string. Given digest: {sha256.Value}";
        }

        return given.Length != 32
            ? $"Invalid Digest value. The provided Digest value is not a SHA-256 digest. Given digest: {sha256.Value}"
            : $"Invalid Digest value. Computed SHA-256 digest: {computed}; given: {sha256.Value}";
    }

    /// <summary>Checks a <c>Content-Digest</c> header against the body; returns why it does not match, or null.</summary>
    internal static string? CheckContentDigest(string header, ReadOnlySpan<byte> body)
    {
        IReadOnlyList<KeyValuePair<string, SfMember>> digests;
        try
        {
            digests = StructuredFieldParser.ParseDictionary(header);
        }
        catch (StructuredFieldException)
        {
            return "Content-Digest could not be parsed. It does not contain a valid RFC8941 dictionary.";
        }

        var sha256 = digests.FirstOrDefault(d => d.Key == "sha-256").Value;
        if (sha256 is not SfItem { Value: byte[] given })
        {
            return "Mastodon only supports SHA-256 in Content-Digest header. Offered algorithms: "
                + string.Join(", ", digests.Select(d => d.Key));
        }

        var computed = Sha256Base64(body);
        var givenText = Convert.ToBase64String(given);
        return givenText == computed ? null : $"Invalid Digest value. Computed SHA-256 digest: {computed}; given: {givenText}";
    }
}
