using System.Threading.RateLimiting;

namespace Middleware.Server.Edges;

/// <summary>The <c>Middleware:RateLimits</c> section: how many requests each open edge takes per window,
/// per sender. Generous by default: they stop floods and guessing, not apps, peers or relays.</summary>
public sealed class RateLimitOptions
{
    public const string Section = "Middleware:RateLimits";

    /// <summary>Off only for benchmarks that send thousands of requests a second from one address.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Inbox POSTs per remote address, before the signature is verified (each may cost a key fetch).</summary>
    public RateLimit InboxPerAddress { get; set; } = new() { PermitLimit = 6000, Window = TimeSpan.FromMinutes(1) };

    /// <summary>Verified inbox POSTs per sending host (the signing key's host): a relay sends a lot.</summary>
    public RateLimit InboxPerHost { get; set; } = new() { PermitLimit = 3000, Window = TimeSpan.FromMinutes(1) };

    /// <summary><c>POST /api/v1/apps</c> per client address.</summary>
    public RateLimit Apps { get; set; } = new() { PermitLimit = 30, Window = TimeSpan.FromMinutes(5) };

    /// <summary><c>/oauth/authorize</c>, <c>/oauth/token</c>, <c>/oauth/revoke</c>, <c>/oauth/callback</c> per client address.</summary>
    public RateLimit OAuth { get; set; } = new() { PermitLimit = 300, Window = TimeSpan.FromMinutes(5) };

    /// <summary><c>POST /api/v1/feeds/{name}/interactions</c> per client address.</summary>
    public RateLimit Interactions { get; set; } = new() { PermitLimit = 300, Window = TimeSpan.FromMinutes(1) };

    /// <summary><c>POST /login</c> (the web sign-in) per client address.</summary>
    public RateLimit SignIn { get; set; } = new() { PermitLimit = 30, Window = TimeSpan.FromMinutes(5) };

    /// <summary>Vote page POSTs per client address (people behind one office NAT share it).</summary>
    public RateLimit Votes { get; set; } = new() { PermitLimit = 600, Window = TimeSpan.FromMinutes(1) };

    /// <summary>Audit requests (JSON, page, CSV, plots; a page view is four) per client address: a range not
    /// asked before costs a computation of up to seconds, and anyone may ask for any range.</summary>
    public RateLimit Audits { get; set; } = new() { PermitLimit = 120, Window = TimeSpan.FromMinutes(1) };
}

/// <summary>At most <see cref="PermitLimit"/> requests per <see cref="Window"/> (a fixed window).</summary>
public sealed class RateLimit
{
    public int PermitLimit { get; set; }
    public TimeSpan Window { get; set; }

    public FixedWindowRateLimiterOptions ToLimiter() => new()
    {
        PermitLimit = Math.Max(1, PermitLimit), Window = Window > TimeSpan.Zero ? Window : TimeSpan.FromMinutes(1), QueueLimit = 0,
        AutoReplenishment = true,
    };
}
