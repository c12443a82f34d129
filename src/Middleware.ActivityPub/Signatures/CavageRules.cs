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

        // An unsigned expires could be raised by anyone who captured the request; only a signed one counts.
        var expires = signature.Expires is { } seconds && signature.Covers("(expires)")
            ? SignatureTimeWindow.FromUnix(seconds)
            : (DateTimeOffset?)null;
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

        // Ours, not Mastodon's: a signature that does not name this server could be replayed here
        // from any other inbox it was sent to.
        if (!signature.Covers("host"))
        {
            return SignatureErrors.HostNotSigned;
        }

        if (request.TryGetHeader("Host", out var host) && !IsTargetHost(host, request.TargetUri))
        {
            return SignatureErrors.HostMismatch;
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
    /// The creation time: the created parameter for hs2019 (draft-cavage-12) when <c>(created)</c> is signed,
    /// otherwise the Date header when <c>date</c> is signed. Mastodon reads an unsigned created too, which lets
    /// anyone relabel a captured request as hs2019 with a fresh created; we do not. Null when neither is signed;
    /// coverage rules then refuse the request.
    /// </summary>
    private static (DateTimeOffset? Created, string? Error) CreatedTime(ParsedSignature signature, SignedRequest request)
    {
        if (signature.Algorithm == SignatureAlgorithms.Hs2019 && signature.Created is { } created && signature.Covers("(created)"))
        {
            return (SignatureTimeWindow.FromUnix(created), null);
        }

        if (!signature.Covers("date") || !request.TryGetHeader("Date", out var header) || string.IsNullOrWhiteSpace(header))
        {
            return (null, null);
        }

        return SignatureTimeWindow.TryParseHttpDate(header, out var date)
            ? (date, null)
            : (null, $"Invalid Date header: not RFC 2616 compliant date: \"{header}\"");
    }

    /// <summary>True when a Host value names the request's target (this server's public host and port).</summary>
    private static bool IsTargetHost(string host, Uri target) =>
        Uri.TryCreate($"{target.Scheme}://{host.Trim()}/", UriKind.Absolute, out var named)
        && string.Equals(named.Host, target.Host, StringComparison.OrdinalIgnoreCase)
        && named.Port == target.Port;

    private static bool IsGet(SignedRequest request) =>
        string.Equals(request.Method, "GET", StringComparison.OrdinalIgnoreCase);
}
