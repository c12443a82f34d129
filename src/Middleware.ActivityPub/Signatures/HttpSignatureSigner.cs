using System.Security.Cryptography;

namespace Middleware.ActivityPub.Signatures;

/// <summary>
/// Signs outgoing requests the way Mastodon 4.x does (app/lib/request.rb), so instances in authorized-fetch mode
/// accept them: draft-cavage with <c>rsa-sha256</c> over <c>(request-target) host date [digest] [content-type] [accept]</c>.
/// RFC 9421 signing is here for tests and for double-knocking later.
/// </summary>
public static partial class HttpSignatureSigner
{
    /// <summary>
    /// Adds <c>Host</c> (if absent), <c>Date</c> (RFC 1123, from <paramref name="now"/>), for a body
    /// <c>Digest: SHA-256=...</c>, then the draft-cavage <c>Signature</c> header.
    /// </summary>
    /// <param name="request">An absolute-URI request; its content, if any, must hold exactly <paramref name="body"/>.</param>
    /// <param name="keyId">The key id to announce, e.g. <c>https://example.com/actor#main-key</c>.</param>
    /// <param name="privateKey">The actor's RSA private key.</param>
    /// <param name="body">The body bytes being sent; empty for a GET.</param>
    /// <param name="now">The signing time.</param>
    public static void SignDraftCavage(HttpRequestMessage request, string keyId, RSA privateKey, ReadOnlySpan<byte> body, DateTimeOffset now)
    {
        var headers = CollectHeaders(request);
        var hasBody = request.Content is not null || !body.IsEmpty;
        SignDraftCavage(request.Method.Method, TargetOf(request), headers, keyId, privateKey, body, now,
            new CavageSigningOptions(DefaultCavageComponents(headers, hasBody)));
        WriteBack(request, headers, "Host", "Date", "Digest", "Signature");
    }

    /// <summary>
    /// Adds <c>Content-Digest: sha-256=:...:</c> for a body, then <c>Signature-Input</c>
    /// (<c>sig1=("@method" "@target-uri" "content-digest");created=...;keyid="...";alg="rsa-v1_5-sha256"</c>)
    /// and <c>Signature</c>.
    /// </summary>
    public static void SignRfc9421(HttpRequestMessage request, string keyId, RSA privateKey, ReadOnlySpan<byte> body, DateTimeOffset now)
    {
        var headers = CollectHeaders(request);
        var hasBody = request.Content is not null || !body.IsEmpty;
        var components = hasBody ? new[] { "@method", "@target-uri", "content-digest" } : ["@method", "@target-uri"];
        SignRfc9421(request.Method.Method, TargetOf(request), headers, keyId, privateKey, body, now,
            new Rfc9421SigningOptions(components));
        WriteBack(request, headers, "Content-Digest", "Signature-Input", "Signature");
    }

    /// <summary>
    /// Mastodon's covered set: everything it sends except User-Agent and Accept-Encoding, in the order 4.0-4.4 use.
    /// (4.5's HttpSignatureDraft moves (request-target) to the end; verifiers follow the headers list, so both work.)
    /// </summary>
    private static List<string> DefaultCavageComponents(IDictionary<string, string> headers, bool hasBody)
    {
        var covered = new List<string> { "(request-target)", "host", "date" };
        if (hasBody)
        {
            covered.Add("digest");
        }

        covered.AddRange(new[] { "content-type", "accept" }.Where(headers.ContainsKey));
        return covered;
    }

    private static Uri TargetOf(HttpRequestMessage request) =>
        request.RequestUri is { IsAbsoluteUri: true } uri
            ? uri
            : throw new ArgumentException("The request needs an absolute RequestUri to be signed", nameof(request));

    private static Dictionary<string, string> CollectHeaders(HttpRequestMessage request)
    {
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var all = request.Headers.AsEnumerable();
        if (request.Content is not null)
        {
            all = all.Concat(request.Content.Headers);
        }

        // The signed value must be the text that goes on the wire; HttpClient joins repeated values with ", ".
        foreach (var (name, values) in all)
        {
            headers[name] = string.Join(", ", values);
        }

        return headers;
    }

    private static void WriteBack(HttpRequestMessage request, Dictionary<string, string> headers, params string[] names)
    {
        foreach (var name in names)
        {
            if (!headers.TryGetValue(name, out var value))
            {
                continue;
            }

            request.Headers.Remove(name);
            if (!request.Headers.TryAddWithoutValidation(name, value) && request.Content is not null)
            {
                request.Content.Headers.Remove(name);
                request.Content.Headers.TryAddWithoutValidation(name, value);
            }
        }
    }
}
