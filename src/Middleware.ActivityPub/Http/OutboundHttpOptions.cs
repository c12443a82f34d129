namespace Middleware.ActivityPub.Http;

/// <summary>
/// Limits for every outgoing request (WebFinger, actor and object fetches, deliveries,
/// Mastodon REST polling). Bound by the host from the "Middleware" configuration section.
/// </summary>
public sealed class OutboundHttpOptions
{
    /// <summary>
    /// Allows loopback, private and other non-public addresses, and plain <c>http</c>.
    /// Only for development and tests: it turns off the SSRF guard.
    /// </summary>
    public bool AllowPrivateNetworks { get; set; }

    /// <summary>How many redirects one request may follow before it is refused.</summary>
    public int MaxRedirects { get; set; } = 5;

    /// <summary>Largest response body accepted for an ActivityPub document, in bytes.</summary>
    public long MaxResponseBytes { get; set; } = 1024 * 1024;

    /// <summary>Time allowed for resolving the host and opening the TCP connection.</summary>
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Total time for one request: every redirect hop, and reading the body through
    /// <see cref="BoundedBody"/>.
    /// </summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>
    /// User-Agent sent with every request. The host sets it with its public URL, as Mastodon
    /// does, so remote admins can tell who is calling: <c>Middleware/0.1 (+https://host/)</c>.
    /// </summary>
    public string UserAgent { get; set; } = "Middleware/0.1 (+https://github.com/middleware-feed/middleware)";
}
