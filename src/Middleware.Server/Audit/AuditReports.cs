using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using Middleware.Core.Audit;

namespace Middleware.Server.Audit;

/// <summary>Audit reports, computed from the store and kept: a closed range (ended more than a minute
/// ago, so the writer has stored its serves) for <see cref="AuditOptions.ClosedRangeCache"/>, an open one
/// for <see cref="AuditOptions.OpenRangeCache"/>. One computation per key at a time.</summary>
public sealed class AuditReports(IServedPositionStore store, IOptions<AuditOptions> options, TimeProvider clock) : IDisposable
{
    /// <summary>Serves reach the store within this after they happen (the writer drains in batches).</summary>
    public static readonly TimeSpan WriterLag = TimeSpan.FromMinutes(1);

    private readonly MemoryCache reports = new(new MemoryCacheOptions { SizeLimit = 256 });
    private readonly SemaphoreSlim computing = new(1, 1);

    public async Task<AuditReport> ForAsync(string feed, AuditRange range, CancellationToken ct)
    {
        var key = (feed, range.From, range.To);
        if (reports.TryGetValue(key, out AuditReport? kept))
            return kept!;
        // One audit at a time: a burst of first requests for a big range costs one query, not many.
        await computing.WaitAsync(ct);
        try
        {
            if (reports.TryGetValue(key, out kept))
                return kept!;
            var exposures = await store.ExposuresAsync(feed, range.From, range.To, ct);
            var report = AmplificationAudit.Compute(feed, range.From, range.To, exposures);
            var closed = range.To <= clock.GetUtcNow() - WriterLag;
            reports.Set(key, report, new MemoryCacheEntryOptions
            {
                Size = 1, AbsoluteExpirationRelativeToNow = closed ? options.Value.ClosedRangeCache : options.Value.OpenRangeCache,
            });
            return report;
        }
        finally
        {
            computing.Release();
        }
    }

    public void Dispose()
    {
        reports.Dispose();
        computing.Dispose();
    }
}
