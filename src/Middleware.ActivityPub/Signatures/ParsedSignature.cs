namespace Middleware.ActivityPub.Signatures;

/// <summary>A signature read from a request, before any cryptography.</summary>
/// <param name="Scheme">Which format the signature came in.</param>
/// <param name="KeyId">The key the signer names; the caller fetches its public key.</param>
/// <param name="Algorithm">
/// The algorithm in effect: the given one, else the scheme's default (<c>hs2019</c> for draft-cavage as Mastodon
/// assumes, <c>rsa-v1_5-sha256</c> for RFC 9421 since our keys are RSA).
/// </param>
/// <param name="CoveredComponents">
/// What the signature covers, in signing order: lower-case header names and pseudo-headers such as
/// <c>(request-target)</c> for draft-cavage; component names such as <c>@method</c> for RFC 9421.
/// </param>
/// <param name="SignatureValue">The decoded signature bytes.</param>
/// <param name="Created">The <c>created</c> parameter (Unix seconds), when given.</param>
/// <param name="Expires">The <c>expires</c> parameter (Unix seconds), when given.</param>
/// <param name="Label">The RFC 9421 signature label (e.g. <c>sig1</c>); null for draft-cavage.</param>
/// <param name="SignatureParameters">
/// The RFC 9421 <c>@signature-params</c> value (covered list and parameters, serialized); null for draft-cavage.
/// </param>
public sealed record ParsedSignature(
    SignatureScheme Scheme,
    string KeyId,
    string Algorithm,
    IReadOnlyList<string> CoveredComponents,
    ReadOnlyMemory<byte> SignatureValue,
    long? Created = null,
    long? Expires = null,
    string? Label = null,
    string? SignatureParameters = null)
{
    /// <summary>True when the signature covers the component (case-insensitive).</summary>
    public bool Covers(string component) =>
        CoveredComponents.Contains(component, StringComparer.OrdinalIgnoreCase);
}
