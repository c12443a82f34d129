namespace Middleware.ActivityPub.Signatures;

/// <summary>Outcome of <see cref="HttpSignatureVerifier.Verify"/>.</summary>
/// <param name="Valid">True when the signature is good and meets every rule.</param>
/// <param name="Error">A short human-readable reason when not valid, fit for a 401 body.</param>
public sealed record VerificationResult(bool Valid, string? Error)
{
    /// <summary>The signature is valid.</summary>
    public static VerificationResult Success { get; } = new(true, null);

    /// <summary>The signature is refused for the given reason.</summary>
    public static VerificationResult Failure(string error) => new(false, error);
}
