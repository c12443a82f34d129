using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Middleware.ActivityPub.Signatures;

// Signing over a plain header dictionary: the core the HttpRequestMessage overloads use, and what tests build on.
public static partial class HttpSignatureSigner
{
    /// <summary>
    /// Signs with draft-cavage over a header dictionary: adds <c>Host</c> (if absent), <c>Date</c>, <c>Digest</c>
    /// (when there is a body or the method is POST) and <c>Signature</c> to <paramref name="headers"/>.
    /// </summary>
    /// <returns>The <c>Signature</c> header value.</returns>
    public static string SignDraftCavage(
        string method, Uri targetUri, IDictionary<string, string> headers, string keyId, RSA privateKey,
        ReadOnlySpan<byte> body, DateTimeOffset now, CavageSigningOptions? options = null)
    {
        options ??= new CavageSigningOptions();
        var hasBody = !body.IsEmpty || string.Equals(method, "POST", StringComparison.OrdinalIgnoreCase);
        AddIfAbsent(headers, "Host", targetUri.Authority);
        headers["Date"] = now.ToUniversalTime().ToString("r", CultureInfo.InvariantCulture);
        if (hasBody)
        {
            headers["Digest"] = BodyDigest.DigestHeader(body);
        }

        var covered = options.CoveredComponents
            ?? DefaultCavageComponents(new Dictionary<string, string>(headers, StringComparer.OrdinalIgnoreCase), hasBody);
        var created = now.ToUnixTimeSeconds();
        var expires = created + (long)(options.ExpiresAfter ?? SignatureTimeWindow.DefaultLifetime).TotalSeconds;
        var usesCreated = covered.Contains("(created)");
        var usesExpires = covered.Contains("(expires)");
        var signature = new ParsedSignature(SignatureScheme.DraftCavage, keyId, options.Algorithm, covered,
            ReadOnlyMemory<byte>.Empty, usesCreated ? created : null, usesExpires ? expires : null);

        var (text, error) = CavageSigningString.Build(signature, AsSignedRequest(method, targetUri, headers), includeQuery: true);
        if (text is null)
        {
            throw new InvalidOperationException(error);
        }

        var value = new StringBuilder()
            .Append(CultureInfo.InvariantCulture, $"keyId=\"{keyId}\",algorithm=\"{options.Algorithm}\",");
        if (usesCreated)
        {
            value.Append(CultureInfo.InvariantCulture, $"created={created},");
        }

        if (usesExpires)
        {
            value.Append(CultureInfo.InvariantCulture, $"expires={expires},");
        }

        value.Append(CultureInfo.InvariantCulture, $"headers=\"{string.Join(' ', covered)}\",signature=\"{Sign(privateKey, text, SignatureAlgorithms.RsaSha256)}\"");
        return headers["Signature"] = value.ToString();
    }

    /// <summary>
    /// Signs with RFC 9421 over a header dictionary: adds <c>Content-Digest</c> (when there is a body or the method
    /// is POST), <c>Signature-Input</c> and <c>Signature</c> to <paramref name="headers"/>.
    /// </summary>
    /// <returns>The <c>Signature-Input</c> header value.</returns>
    public static string SignRfc9421(
        string method, Uri targetUri, IDictionary<string, string> headers, string keyId, RSA privateKey,
        ReadOnlySpan<byte> body, DateTimeOffset now, Rfc9421SigningOptions? options = null)
    {
        options ??= new Rfc9421SigningOptions();
        var hasBody = !body.IsEmpty || string.Equals(method, "POST", StringComparison.OrdinalIgnoreCase);
        if (hasBody)
        {
            headers["Content-Digest"] = BodyDigest.ContentDigestHeader(body);
        }

        var components = options.CoveredComponents
            ?? (hasBody ? ["@method", "@target-uri", "content-digest"] : ["@method", "@target-uri"]);
        var created = now.ToUnixTimeSeconds();
        var parameters = new List<KeyValuePair<string, object>> { new("created", created), new("keyid", keyId), new("alg", options.Algorithm) };
        if (options.ExpiresAfter is { } lifetime)
        {
            parameters.Add(new("expires", created + (long)lifetime.TotalSeconds));
        }

        var items = components.Select(c => new SfItem(c, [])).ToList();
        var signatureParameters = SfSerializer.InnerList(new SfInnerList(items, parameters));
        var (text, error) = Rfc9421SignatureBase.Build(components, signatureParameters, AsSignedRequest(method, targetUri, headers));
        if (text is null)
        {
            throw new InvalidOperationException(error);
        }

        headers["Signature-Input"] = options.Label + "=" + signatureParameters;
        headers["Signature"] = options.Label + "=:" + Sign(privateKey, text, options.Algorithm) + ":";
        return headers["Signature-Input"];
    }

    private static string Sign(RSA key, string text, string algorithm)
    {
        var data = Encoding.UTF8.GetBytes(text);
        var signature = algorithm == SignatureAlgorithms.RsaPssSha512
            ? key.SignData(data, HashAlgorithmName.SHA512, RSASignaturePadding.Pss)
            : key.SignData(data, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        return Convert.ToBase64String(signature);
    }

    private static SignedRequest AsSignedRequest(string method, Uri targetUri, IDictionary<string, string> headers) =>
        new(method, targetUri, new Dictionary<string, string>(headers, StringComparer.OrdinalIgnoreCase), ReadOnlyMemory<byte>.Empty);

    private static void AddIfAbsent(IDictionary<string, string> headers, string name, string value)
    {
        if (!headers.Keys.Any(k => string.Equals(k, name, StringComparison.OrdinalIgnoreCase)))
        {
            headers[name] = value;
        }
    }
}
