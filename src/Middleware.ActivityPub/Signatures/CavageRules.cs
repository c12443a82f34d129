namespace Middleware.ActivityPub.Signatures;

/// <summary>Mastodon's non-cryptographic rules for draft-cavage signatures (SignedRequest::HttpSignature).</summary>
internal static class CavageRules
{
    /// <summary>Returns the first rule the request breaks, or null.</summary>
    public static string? Check(ParsedSignature signature, SignedRequest request, DateTimeOffset now)
    {
        var (created, dateError) = CreatedTime(signature, request);
        if (dateError is not null)
        {
            return dateError;
        }

        var expires = signature.Expires is { } seconds ? SignatureTimeWindow.FromUnix(seconds) : (DateTimeOffset?)null;
        var timeError = SignatureTimeWindow.Check(created, expires, now);
        if (timeError is not null)
        {
            return timeError;
        }

        if (!signature.Covers("date") && !signature.Covers("(created)"))
        {
            return "Mastodon requires the Date header or (created) pseudo-header to be signed";
        }

        if (!signature.Covers("(request-target)") && !signature.Covers("digest"))
        {
            return "Mastodon requires the Digest header or (request-target) pseudo-header to be signed";
        }

        if (IsGet(request) && !signature.Covers("host"))
        {
            return "Mastodon requires the Host header to be signed when doing a GET request";
        }

        if (request.HasBody && !signature.Covers("digest"))
        {
            return SignatureErrors.DigestNotSignedOnPost;
        }

        if (!signature.Covers("digest"))
        {
            return null;
        }

        return request.TryGetHeader("Digest", out var digest)
            ? BodyDigest.CheckDigest(digest, request.Body.Span)
            : "Digest header missing";
    }

    /// <summary>
    /// The creation time: the created parameter for hs2019 (draft-cavage-12), otherwise the Date header, as Mastodon
    /// reads it. Null when neither is present; coverage rules then demand one of them.
    /// </summary>
    private static (DateTimeOffset? Created, string? Error) CreatedTime(ParsedSignature signature, SignedRequest request)
    {
        if (signature.Algorithm == SignatureAlgorithms.Hs2019 && signature.Created is { } created)
        {
            return (SignatureTimeWindow.FromUnix(created), null);
        }

        if (!request.TryGetHeader("Date", out var header) || string.IsNullOrWhiteSpace(header))
        {
            return (null, null);
        }

        return SignatureTimeWindow.TryParseHttpDate(header, out var date)
            ? (date, null)
            : (null, $"Invalid Date header: not RFC 2616 compliant date: \"{header}\"");
    }

    private static bool IsGet(SignedRequest request) =>
        string.Equals(request.Method, "GET", StringComparison.OrdinalIgnoreCase);
}
