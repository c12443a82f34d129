namespace Middleware.ActivityPub.Signatures;

/// <summary>Mastodon's non-cryptographic rules for RFC 9421 signatures (SignedRequest::HttpMessageSignature).</summary>
internal static class Rfc9421Rules
{
    /// <summary>Returns the first rule the request breaks, or null.</summary>
    public static string? Check(ParsedSignature signature, SignedRequest request, DateTimeOffset now)
    {
        if (signature.Created is not { } created)
        {
            return "Incompatible request signature. keyid and created are required";
        }

        var expires = signature.Expires is { } seconds ? SignatureTimeWindow.FromUnix(seconds) : (DateTimeOffset?)null;
        var timeError = SignatureTimeWindow.Check(SignatureTimeWindow.FromUnix(created), expires, now);
        if (timeError is not null)
        {
            return timeError;
        }

        if (!signature.Covers("@method") || !signature.Covers("@target-uri"))
        {
            return "Mastodon requires the @method and @target-uri derived components to be signed";
        }

        if (request.HasBody && !signature.Covers("content-digest"))
        {
            return SignatureErrors.ContentDigestNotSignedOnPost;
        }

        if (!signature.Covers("content-digest"))
        {
            return null;
        }

        return request.TryGetHeader("Content-Digest", out var digest)
            ? BodyDigest.CheckContentDigest(digest, request.Body.Span)
            : "Content-Digest header missing";
    }
}
