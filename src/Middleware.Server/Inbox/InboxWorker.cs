using Middleware.ActivityPub.Processing;
using Middleware.Core.Ingest;
using Middleware.Core.Inbox;

namespace Middleware.Server.Inbox;

/// <summary>Processes stored inbox entries. Entries of one actor are processed in arrival order;
/// different actors in parallel. Each entry's changes and its "done" mark are committed together,
/// so an entry is processed exactly once even when the service dies half-way.</summary>
public sealed class InboxWorker(
    IServiceProvider services,
    IInboxStore inbox,
    IChangeWriter writer,
    InboxSignal signal,
    DeliverySignal deliveries,
    IHostApplicationLifetime lifetime,
    TimeProvider clock,
    ILogger<InboxWorker> log) : BackgroundService
{
    private const int BatchSize = 256;
    private const int Parallelism = 4;
    private const int MaxAttempts = 8;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Handlers need the public URL, which is known once the server listens.
        await WaitForStartAsync(stoppingToken);
        var processor = services.GetRequiredService<ActivityProcessor>();
        while (!stoppingToken.IsCancellationRequested)
        {
            IReadOnlyList<InboxEntry> batch;
            try
            {
                batch = await inbox.TakePendingAsync(BatchSize, clock.GetUtcNow(), stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                log.LogError(e, "Reading the inbox failed");
                await Task.Delay(TimeSpan.FromSeconds(1), stoppingToken);
                continue;
            }
            if (batch.Count == 0)
            {
                await signal.WaitAsync(TimeSpan.FromSeconds(2), stoppingToken);
                continue;
            }
            var byActor = batch.GroupBy(e => e.ActorUri).Select(g => g.ToList()).ToList();
            await Parallel.ForEachAsync(byActor, new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = stoppingToken },
                async (entries, ct) =>
                {
                    foreach (var entry in entries)
                        await ProcessOneAsync(processor, entry, ct);
                });
        }
    }

    private async Task ProcessOneAsync(ActivityProcessor processor, InboxEntry entry, CancellationToken ct)
    {
        try
        {
            var result = await processor.ProcessAsync(entry, ct);
            switch (result.Status)
            {
                case ProcessingStatus.Applied:
                    await writer.ApplyAsync(result.Changes, entry.Id, CancellationToken.None);
                    if (result.Changes.Any(c => c is EnqueueDeliveries))
                        deliveries.Notify();
                    break;
                case ProcessingStatus.Ignored:
                    await inbox.CloseAsync(entry.Id, InboxState.Done, result.Note, CancellationToken.None);
                    break;
                case ProcessingStatus.Rejected:
                    log.LogInformation("Rejected {Type} {Id}: {Reason}", entry.Type, entry.ActivityId, result.Note);
                    await inbox.CloseAsync(entry.Id, InboxState.Rejected, result.Note, CancellationToken.None);
                    break;
                case ProcessingStatus.Retry:
                    await RetryLaterAsync(entry, result.Note ?? "transient failure");
                    break;
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // Shutting down: the entry stays pending and is processed after the restart.
        }
        catch (Exception e)
        {
            log.LogError(e, "Processing {Type} {Id} failed", entry.Type, entry.ActivityId);
            await RetryLaterAsync(entry, e.Message);
        }
    }

    private async Task RetryLaterAsync(InboxEntry entry, string reason)
    {
        if (entry.Attempts + 1 >= MaxAttempts)
        {
            log.LogWarning("Giving up on {Type} {Id}: {Reason}", entry.Type, entry.ActivityId, reason);
            await inbox.CloseAsync(entry.Id, InboxState.Failed, reason, CancellationToken.None);
            return;
        }
        // 30 s, 2 min, 8 min, … about two days in all.
        var delay = TimeSpan.FromSeconds(30 * Math.Pow(4, entry.Attempts));
        await inbox.DeferAsync(entry.Id, reason, clock.GetUtcNow() + delay, CancellationToken.None);
    }

    private Task WaitForStartAsync(CancellationToken ct)
    {
        var started = new TaskCompletionSource();
        lifetime.ApplicationStarted.Register(() => started.TrySetResult());
        return started.Task.WaitAsync(ct);
    }
}
