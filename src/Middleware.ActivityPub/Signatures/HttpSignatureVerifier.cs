using System.Text;

namespace Middleware.ActivityPub.Signatures;

/// <summary>
/// Step two of checking a signed request: apply Mastodon 4.x's rules (freshness, what must be covered, body digest)
/// and check the signature with the signer's public key.
/// </summary>
public static class HttpSignatureVerifier
{
    /// <summary>
    /// Verifies a parsed signature against the request. The checks run in Mastodon's order: time window, required
    /// coverage, body digest, then the signature itself, so the first failing rule is the one reported.
    /// </summary>
    /// <param name="signature">What <see cref="HttpSignatureParser.Parse"/> returned for this request.</param>
    /// <param name="request">The request as received.</param>
    /// <param name="publicKeyPem">The signer's RSA public key: SPKI (<c>BEGIN PUBLIC KEY</c>) or PKCS#1 (<c>BEGIN RSA PUBLIC KEY</c>).</param>
    /// <param name="now">The current time, passed in so the rule is testable.</param>
    public static VerificationResult Verify(ParsedSignature signature, SignedRequest request, string publicKeyPem, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(publicKeyPem);
        var key = SignerKey.FromPem(publicKeyPem);
        return key is null
            ? VerificationResult.Failure("Public key is not a valid RSA key in PEM form")
            : Verify(signature, request, key, now);
    }

    /// <summary>As <see cref="Verify(ParsedSignature, SignedRequest, string, DateTimeOffset)"/>, with a key
    /// imported once and kept (<see cref="SignerKey"/>).</summary>
    public static VerificationResult Verify(ParsedSignature signature, SignedRequest request, SignerKey key, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(signature);
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(key);

        var error = CheckRules(signature, request, now);
        if (error is not null)
        {
            return VerificationResult.Failure(error);
        }

        return signature.Scheme == SignatureScheme.Rfc9421
            ? VerifyRfc9421(signature, request, key)
            : VerifyCavage(signature, request, key);
    }

    /// <summary>
    /// The rules alone, without the key: time window, required coverage, the signed host, body digest. Cheap, so the
    /// inbox runs them before it looks the key up; a request that fails them never makes us fetch anything.
    /// </summary>
    /// <returns>The first rule the request breaks, or null.</returns>
    public static string? CheckRules(ParsedSignature signature, SignedRequest request, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(signature);
        ArgumentNullException.ThrowIfNull(request);
        return signature.Scheme == SignatureScheme.Rfc9421
            ? Rfc9421Rules.Check(signature, request, now)
            : CavageRules.Check(signature, request, now);
    }

    private static VerificationResult VerifyCavage(ParsedSignature signature, SignedRequest request, SignerKey key)
    {
        var (text, error) = CavageSigningString.Build(signature, request, includeQuery: true);
        if (text is null)
        {
            return VerificationResult.Failure(error!);
        }

        if (Matches(signature, key, text))
        {
            return VerificationResult.Success;
        }

        // Mastodon's compatibility quirk: accept signers that left the query out of (request-target).
        if (request.TargetUri.Query.Length > 0 && signature.Covers("(request-target)"))
        {
            var (withoutQuery, _) = CavageSigningString.Build(signature, request, includeQuery: false);
            if (withoutQuery is not null && Matches(signature, key, withoutQuery))
            {
                return VerificationResult.Success;
            }
        }

        return VerificationResult.Failure(SignatureErrors.VerificationFailed);
    }

    private static VerificationResult VerifyRfc9421(ParsedSignature signature, SignedRequest request, SignerKey key)
    {
        var (text, error) = Rfc9421SignatureBase.Build(signature.CoveredComponents, signature.SignatureParameters!, request);
        if (text is null)
        {
            return VerificationResult.Failure(error!);
        }

        return Matches(signature, key, text)
            ? VerificationResult.Success
            : VerificationResult.Failure(SignatureErrors.VerificationFailed);
    }

    private static bool Matches(ParsedSignature signature, SignerKey key, string signedText) =>
        key.Verify(signature.Algorithm, Encoding.UTF8.GetBytes(signedText), signature.SignatureValue.Span);
}
