namespace Middleware.ActivityPub.Signatures;

/// <summary>The two HTTP signature formats seen in the fediverse.</summary>
public enum SignatureScheme
{
    /// <summary>draft-cavage-http-signatures: a single <c>Signature</c> (or <c>Authorization: Signature</c>) header.</summary>
    DraftCavage,

    /// <summary>RFC 9421 HTTP Message Signatures: <c>Signature-Input</c> plus <c>Signature</c>.</summary>
    Rfc9421,
}
