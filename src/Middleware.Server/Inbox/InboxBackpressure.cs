using Microsoft.Extensions.Options;
using Middleware.Core.Inbox;
using Middleware.Server.Configuration;

namespace Middleware.Server.Inbox;

/// <summary>Keeps the number of unprocessed entries bounded: above the limit, inbox POSTs are
/// answered 503 with Retry-After, and peers (Mastodon retries for days) deliver again later.
/// The count is refreshed in the background so that requests never wait for it.</summary>
public sealed class InboxBackpressure(IInboxStore inbox, IOptions<MiddlewareOptions> options, ILogger<InboxBackpressure> log)
    : BackgroundService
{
    private long _pending;

    public long Pending => Interlocked.Read(ref _pending);

    public bool IsOverloaded => Pending >= options.Value.MaxPendingInbox;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1));
        do
        {
            try
            {
                Interlocked.Exchange(ref _pending, await inbox.CountPendingAsync(stoppingToken));
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                log.LogWarning(e, "Counting pending inbox entries failed");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
