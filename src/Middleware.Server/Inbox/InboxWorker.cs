using Microsoft.Extensions.Options;
using Middleware.ActivityPub.Processing;
using Middleware.Core.Inbox;
using Middleware.Core.Ingest;
using Middleware.Server.Cluster;
using Middleware.Server.Configuration;
using Middleware.Server.Operations;

namespace Middleware.Server.Inbox;

/// <summary>Processes stored inbox entries: one entry per actor at a time (so an actor's
/// activities apply in arrival order), many actors at once, and each decision committed through
/// <see cref="InboxCommitter"/> together with the entry's "done" mark. An entry is therefore
/// processed exactly once, even when the service dies half-way: uncommitted work is redone after
/// the restart, committed work never is. Entries are claimed for a lease before they are read and
/// the claims of entries still buffered or in flight are renewed, so nodes sharing one database
/// never work on the same entry at once (ADR 0035). When the host stops, entries already started
/// run to the end (within the shutdown timeout) and no new ones start.</summary>
public sealed class InboxWorker(
    IServiceProvider services,
    IInboxStore inbox,
    IInboxClaims claims,
    InboxCommitter committer,
    InboxSignal signal,
    InboxHandOff handOff,
    DeliverySignal deliveries,
    IHostApplicationLifetime lifetime,
    TimeProvider clock,
    IOptions<ClusterOptions> cluster,
    ServiceMetrics metrics,
    ILogger<InboxWorker> log) : DrainingBackgroundService
{
    private const int MaxInFlight = 32;
    private const int ReadSize = 512;
    private const int MaxAttempts = 8;
    private static readonly TimeSpan RescanInterval = TimeSpan.FromSeconds(2);

    /// <summary>While entries are in flight, claims are at least this far apart. When the worker is
    /// full, every append batch leaves entries unclaimed and says so, so a busy inbox would otherwise
    /// be claimed a few entries at a time, each claim a write
    /// (and on PostgreSQL a pooled open and a round trip) whose cost barely depends on how many it
    /// takes; spaced, each takes what arrived meanwhile (ADR 0041). An idle worker claims at once.</summary>
    private const long ClaimSpacingMs = 25;

    /// <summary>What this node stores it mostly claims on the way in (<see cref="InboxHandOff"/>), so
    /// the worker claims when the writer left entries unclaimed, after a full read, and otherwise at
    /// least this often: for entries another node stored and left, or whose lease ran out.</summary>
    private const long QuietClaimMs = 1000;
    private readonly StoreBackoff _backoff = new("Reading the inbox", clock, log);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await lifetime.WaitForStartAsync(stoppingToken);
        var processor = services.GetRequiredService<ActivityProcessor>();
        var schedule = new InboxSchedule(MaxInFlight);
        await ReleaseIfSoleNodeAsync(stoppingToken);
        var lastRescan = DateTimeOffset.MinValue;
        var lastClaimMs = long.MinValue / 2;
        var lastRenewal = clock.GetUtcNow();
        // Whether the inbox may hold unclaimed entries we have not read: after the writer left some
        // unclaimed, a quiet second, or a full read. Finished work alone does not send us back to
        // the database, nor do entries handed over.
        var mayHaveNew = true;
        handOff.Open();
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                var now = clock.GetUtcNow();
                schedule.AddHanded(handOff.Take());
                if (now - lastRenewal >= cluster.Value.RenewEvery)
                {
                    await RenewAsync(schedule.Held, stoppingToken);
                    lastRenewal = now;
                }
                if (handOff.TakeUnclaimed() || Environment.TickCount64 - lastClaimMs >= QuietClaimMs)
                    mayHaveNew = true;
                if (mayHaveNew && schedule.Buffered < ReadSize / 2
                    && (schedule.InFlight == 0 || Environment.TickCount64 - lastClaimMs >= ClaimSpacingMs))
                {
                    // New arrivals have higher ids than anything read so far.
                    lastClaimMs = Environment.TickCount64;
                    var fresh = await ReadAsync(ReadSize, schedule.LastId, stoppingToken);
                    schedule.AddClaimed(fresh);
                    mayHaveNew = fresh.Count == ReadSize;
                }
                if (now - lastRescan > RescanInterval)
                {
                    // Entries deferred earlier (lower ids) whose retry time has come.
                    schedule.AddClaimed(await ReadAsync(ReadSize, 0, stoppingToken));
                    lastRescan = now;
                }
                foreach (var entry in schedule.Startable())
                    schedule.Start(entry, ProcessOneAsync(processor, entry, InFlightToken));
                handOff.Holding(schedule.Buffered + schedule.InFlight);
                if (schedule.InFlight == 0)
                    await signal.WaitAsync(TimeSpan.FromSeconds(1), stoppingToken);
                else
                    await schedule.WaitForAnyAsync(signal, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        handOff.Close();
        await schedule.DrainAsync();
        // Handed over meanwhile: held by this node, so released with the rest.
        schedule.AddHanded(handOff.Take());
        await ReleaseUnstartedAsync(schedule.Held);
    }

    /// <summary>Entries read but never started: another node may take them now, not a lease later.</summary>
    private async Task ReleaseUnstartedAsync(IReadOnlyCollection<long> held)
    {
        try
        {
            await claims.ReleaseAsync(held, CancellationToken.None);
        }
        catch (Exception e)
        {
            log.LogWarning(e, "Releasing {Count} unstarted inbox claims failed; they free up when their lease runs out", held.Count);
        }
    }

    private async Task ReleaseIfSoleNodeAsync(CancellationToken ct)
    {
        try
        {
            await claims.ReleaseIfSoleNodeAsync(ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Not fatal: the old claims run out within one lease.
            log.LogWarning(e, "Releasing the inbox claims of the previous run failed");
        }
    }

    private async Task RenewAsync(IReadOnlyCollection<long> held, CancellationToken ct)
    {
        try
        {
            var kept = await claims.RenewAsync(held, clock.GetUtcNow() + cluster.Value.ClaimLease, ct);
            // Committed entries among them are no longer pending: only a shortfall beyond those is lost.
            if (kept < held.Count)
                log.LogDebug("Renewed {Kept} of {Held} inbox claims", kept, held.Count);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            log.LogWarning(e, "Renewing {Count} inbox claims failed", held.Count);
        }
    }

    private async Task<IReadOnlyList<InboxEntry>> ReadAsync(int max, long afterId, CancellationToken ct)
    {
        try
        {
            var now = clock.GetUtcNow();
            var entries = await claims.ClaimAsync(max, now, now + cluster.Value.ClaimLease, afterId, ct);
            _backoff.Succeeded();
            return entries;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The database is gone (or failing): wait longer each time, resume when it answers.
            await _backoff.WaitAfterAsync(e, ct);
            return [];
        }
    }


    private async Task ProcessOneAsync(ActivityProcessor processor, InboxEntry entry, CancellationToken ct)
    {
        using var span = ServiceMetrics.Source.StartActivity("inbox.process");
        span?.SetTag("activity.type", entry.Type);
        try
        {
            var result = await processor.ProcessAsync(entry, ct);
            span?.SetTag("outcome", result.Status.ToString());
            if (result.Status == ProcessingStatus.Retry)
            {
                await RetryLaterAsync(entry, result.Note ?? "transient failure", result.RetryAfter);
                return;
            }
            if (result.Status == ProcessingStatus.Rejected)
                log.LogInformation("Rejected {Type} {Id}: {Reason}", entry.Type, entry.ActivityId, result.Note);
            var state = result.Status == ProcessingStatus.Rejected ? InboxState.Rejected : InboxState.Done;
            if (!await committer.CommitAsync(new ProcessedEntry(entry.Id, state, result.Changes, result.Note)))
            {
                // Its lease ran out and another node took it over (or it was done already): what we
                // decided is dropped, the other node's run counts.
                log.LogWarning("Dropped {Type} {Id}: its claim was lost before the commit", entry.Type, entry.ActivityId);
                metrics.InboxProcessed("claim-lost");
                return;
            }
            metrics.InboxProcessed(state == InboxState.Rejected ? "rejected" : "done");
            if (result.Changes.Any(c => c is EnqueueDeliveries))
                deliveries.Notify();
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // The shutdown timeout ran out: nothing was committed, so the entry stays pending and is
            // processed after the restart.
        }
        catch (Exception e)
        {
            log.LogError(e, "Processing {Type} {Id} failed", entry.Type, entry.ActivityId);
            await RetryLaterAsync(entry, e.Message);
        }
    }

    private async Task RetryLaterAsync(InboxEntry entry, string reason, TimeSpan? after = null)
    {
        try
        {
            if (entry.Attempts + 1 >= MaxAttempts)
            {
                log.LogWarning("Giving up on {Type} {Id}: {Reason}", entry.Type, entry.ActivityId, reason);
                await inbox.CloseAsync(entry.Id, InboxState.Failed, reason, CancellationToken.None);
                metrics.InboxProcessed("failed");
                return;
            }
            // 30 s, 2 min, 8 min, … about two days in all.
            var delay = after ?? TimeSpan.FromSeconds(30 * Math.Pow(4, entry.Attempts));
            await inbox.DeferAsync(entry.Id, reason, clock.GetUtcNow() + delay, CancellationToken.None);
            metrics.InboxProcessed("retry");
        }
        catch (Exception e)
        {
            // Still pending: it will be read and tried again.
            log.LogError(e, "Deferring {Id} failed", entry.ActivityId);
        }
    }
}
