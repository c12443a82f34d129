namespace Middleware.Interop.Tests.Peer;

/// <summary>How a <see cref="FedifyPeer"/> is started.</summary>
public sealed record FedifyPeerOptions
{
    /// <summary>
    /// The HTTP Signatures spec the peer tries first when it sends to a server it has not
    /// talked to before. <see langword="null"/> keeps Fedify's default (RFC 9421 first,
    /// then draft-cavage if the server answers 4xx/5xx: "double-knocking").
    /// </summary>
    public PeerSignatureSpec? FirstKnock { get; init; }

    /// <summary>Log Fedify's debug output to the peer's stderr (see <see cref="FedifyPeer.Log"/>).</summary>
    public bool Verbose { get; init; }

    /// <summary>How long to wait for the peer to print <c>READY</c>.</summary>
    public TimeSpan StartTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>The peer's accounts (default: alice and bob), each optionally with when it was created
    /// (published in its actor document, as Mastodon does).</summary>
    public IReadOnlyList<PeerAccount>? Accounts { get; init; }

    /// <summary>Timeout of each control API call (a call includes the delivery it triggers).</summary>
    public TimeSpan ControlTimeout { get; init; } = TimeSpan.FromSeconds(60);
}

/// <summary>An account of the peer.</summary>
/// <param name="Name">Its username (<c>/users/{name}</c>).</param>
/// <param name="Created">When the account was created, or null to say nothing.</param>
public sealed record PeerAccount(string Name, DateTimeOffset? Created = null);

/// <summary>HTTP Signatures specifications the peer can sign with.</summary>
public enum PeerSignatureSpec
{
    /// <summary>draft-cavage-http-signatures-12, what Mastodon sends (RSA-SHA256, <c>Signature</c> header).</summary>
    Cavage,

    /// <summary>RFC 9421 HTTP Message Signatures (<c>Signature-Input</c> + <c>Signature</c> headers).</summary>
    Rfc9421,
}
