using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace Middleware.Server.Edges;

/// <summary>Verified inbox POSTs per sending host. Counted after the signature is verified: a key id
/// read before then is only a claim, and counting claims would let anyone spend another host's budget
/// (its real deliveries would then be refused). Before verification the remote address counts
/// (<see cref="RateLimitPolicies.InboxPerAddress"/>).</summary>
public sealed class InboxHostLimiter : IDisposable
{
    private readonly PartitionedRateLimiter<string> _limiter;
    private readonly RateLimitOptions _options;

    public InboxHostLimiter(IOptions<RateLimitOptions> options)
    {
        _options = options.Value;
        _limiter = PartitionedRateLimiter.Create<string, string>(host => _options.Enabled
            ? RateLimitPartition.GetFixedWindowLimiter(host, _ => _options.InboxPerHost.ToLimiter())
            : RateLimitPartition.GetNoLimiter(host));
    }

    /// <summary>Null when the host may deliver one more; otherwise how long it should wait.</summary>
    public TimeSpan? Refusal(string signerUri)
    {
        var host = Uri.TryCreate(signerUri, UriKind.Absolute, out var uri) ? uri.Authority.ToLowerInvariant() : signerUri;
        using var lease = _limiter.AttemptAcquire(host);
        if (lease.IsAcquired)
            return null;
        return lease.TryGetMetadata(MetadataName.RetryAfter, out var after) ? after : _options.InboxPerHost.Window;
    }

    public void Dispose() => _limiter.Dispose();
}
