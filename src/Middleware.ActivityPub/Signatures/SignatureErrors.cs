namespace Middleware.ActivityPub.Signatures;

/// <summary>
/// Failure reasons shared by several checks. Where Mastodon has a message for the same rule we reuse its words,
/// so peers debugging against both see the same text.
/// </summary>
internal static class SignatureErrors
{
    public const string NotSigned = "Request not signed";
    public const string UnparsableSignature = "Error parsing signature parameters";
    public const string VerificationFailed = "Signature verification failed";
    public const string OutsideTimeWindow = "Signed request date outside acceptable time window";
    public const string InFuture = "Signed request date is in the future";
    public const string DigestNotSignedOnPost = "Mastodon requires the Digest header to be signed when doing a POST request";
    public const string HostNotSigned = "The Host header must be signed";
    public const string HostMismatch = "The signed Host header names another server";
    public const string ContentDigestNotSignedOnPost = "Mastodon requires the Content-Digest header to be signed when doing a POST request";
}
