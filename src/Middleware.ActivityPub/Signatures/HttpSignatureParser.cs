namespace Middleware.ActivityPub.Signatures;

/// <summary>
/// Step one of checking a signed request: read the signature without any cryptography, so the caller can
/// fetch the key named by <see cref="ParsedSignature.KeyId"/> and then call <see cref="HttpSignatureVerifier.Verify"/>.
/// </summary>
public static class HttpSignatureParser
{
    /// <summary>
    /// Parses the request's signature. RFC 9421 (<c>Signature-Input</c> with <c>Signature</c>) wins when present,
    /// as in Mastodon; otherwise the draft-cavage <c>Signature</c> header, or <c>Authorization: Signature ...</c>.
    /// </summary>
    /// <returns>The signature, or a failure with a short human-readable reason when it is missing or malformed.</returns>
    public static SignatureParseResult Parse(SignedRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);

        var hasSignature = request.TryGetHeader("Signature", out var signature) && !string.IsNullOrWhiteSpace(signature);
        if (request.TryGetHeader("Signature-Input", out var input) && !string.IsNullOrWhiteSpace(input))
        {
            return hasSignature
                ? Rfc9421SignatureParser.Parse(request, input, signature)
                : SignatureParseResult.Failure("Signature-Input present without a Signature header");
        }

        if (hasSignature)
        {
            return CavageSignatureParser.Parse(signature);
        }

        // Mastodon reads only the Signature header; the Authorization form is older draft-cavage, still sent by a few.
        if (request.TryGetHeader("Authorization", out var authorization)
            && authorization.StartsWith("Signature ", StringComparison.OrdinalIgnoreCase))
        {
            return CavageSignatureParser.Parse(authorization);
        }

        return SignatureParseResult.Failure(SignatureErrors.NotSigned);
    }
}
