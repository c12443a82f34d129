namespace Middleware.ActivityPub.Signatures;

/// <summary>Outcome of <see cref="HttpSignatureParser.Parse"/>: a signature, or why there is none.</summary>
/// <param name="Signature">The parsed signature, or null on failure.</param>
/// <param name="Error">A short human-readable reason on failure, fit for a 401 body.</param>
public sealed record SignatureParseResult(ParsedSignature? Signature, string? Error)
{
    /// <summary>True when a signature was parsed.</summary>
    public bool Ok => Signature is not null;

    /// <summary>A successful parse.</summary>
    public static SignatureParseResult Success(ParsedSignature signature) => new(signature, null);

    /// <summary>A failed parse with its reason.</summary>
    public static SignatureParseResult Failure(string error) => new(null, error);
}
