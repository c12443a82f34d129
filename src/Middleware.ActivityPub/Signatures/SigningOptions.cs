namespace Middleware.ActivityPub.Signatures;

/// <summary>How to sign a draft-cavage request when Mastodon's defaults are not wanted (mostly in tests).</summary>
/// <param name="CoveredComponents">
/// Lower-case header names and pseudo-headers to sign, in order; null for Mastodon's set:
/// <c>(request-target) host date</c>, then <c>digest</c> for a body, then <c>content-type</c> and <c>accept</c> when present.
/// </param>
/// <param name="Algorithm">The algorithm name to announce: <c>rsa-sha256</c> (Mastodon's) or <c>hs2019</c>.</param>
/// <param name="ExpiresAfter">When <c>(expires)</c> is covered, how long after creation the signature expires.</param>
public sealed record CavageSigningOptions(
    IReadOnlyList<string>? CoveredComponents = null,
    string Algorithm = "rsa-sha256",
    TimeSpan? ExpiresAfter = null);

/// <summary>How to sign an RFC 9421 request when the defaults are not wanted.</summary>
/// <param name="CoveredComponents">Components to cover; null for <c>@method @target-uri</c> plus <c>content-digest</c> for a body.</param>
/// <param name="Algorithm">The <c>alg</c> parameter: <c>rsa-v1_5-sha256</c> or <c>rsa-pss-sha512</c>.</param>
/// <param name="Label">The signature label.</param>
/// <param name="ExpiresAfter">When set, an <c>expires</c> parameter this long after <c>created</c>.</param>
public sealed record Rfc9421SigningOptions(
    IReadOnlyList<string>? CoveredComponents = null,
    string Algorithm = "rsa-v1_5-sha256",
    string Label = "sig1",
    TimeSpan? ExpiresAfter = null);
