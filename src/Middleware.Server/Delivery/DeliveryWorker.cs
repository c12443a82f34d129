using Middleware.ActivityPub.Federation;
using Middleware.Core.Delivery;
using Middleware.Core.Ingest;
using Microsoft.Extensions.Options;
using Middleware.Server.Cluster;
using Middleware.Server.Configuration;
using Middleware.Server.Demo;
using Middleware.Server.Inbox;
using Middleware.Server.Operations;

namespace Middleware.Server.Delivery;

/// <summary>Sends queued deliveries: several at once, never twice to a host whose circuit is open,
/// retrying with Mastodon's backoff, and never retrying a 404/410 (whose followers are dropped) or a refused address.
/// Jobs are claimed for a lease, renewed while the batch is being sent, so nodes sharing one database
/// do not send the same job at once; a node that stalls past its lease may still send a job another
/// node sends too (at-least-once on the wire; receivers dedupe by activity id; ADR 0035).
/// When the host stops, a batch already taken is sent to the end (within the shutdown timeout).</summary>
public sealed class DeliveryWorker(
    IServiceProvider services,
    IDeliveryQueue queue,
    IDeliveryClaims claims,
    HostCircuitBreaker circuits,
    DeliverySignal signal,
    IHostApplicationLifetime lifetime,
    TimeProvider clock,
    IOptions<MiddlewareOptions> options,
    IOptions<ClusterOptions> cluster,
    ServiceMetrics metrics,
    ILogger<DeliveryWorker> log) : DrainingBackgroundService
{
    private const int BatchSize = 64;
    private const int Parallelism = 8;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await lifetime.WaitForStartAsync(stoppingToken);
        var sender = services.GetRequiredService<DeliverySender>();
        try
        {
            await claims.ReleaseIfSoleNodeAsync(stoppingToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Not fatal: the old claims run out within one lease.
            log.LogWarning(e, "Releasing the delivery claims of the previous run failed");
        }
        var backoff = new StoreBackoff("Claiming deliveries", clock, log);
        while (!stoppingToken.IsCancellationRequested)
        {
            IReadOnlyList<DeliveryJob> due;
            try
            {
                var now = clock.GetUtcNow();
                due = await claims.ClaimDueAsync(now, now + cluster.Value.ClaimLease, BatchSize, stoppingToken);
                backoff.Succeeded();
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // The database is gone (or failing): wait longer each time, resume when it answers.
                await backoff.WaitAfterAsync(e, stoppingToken);
                continue;
            }
            if (due.Count == 0)
            {
                await signal.WaitAsync(TimeSpan.FromSeconds(1), stoppingToken);
                continue;
            }
            using var sent = new CancellationTokenSource();
            var renewal = KeepClaimedAsync(due.Select(j => j.Id).ToList(), sent.Token);
            try
            {
                await Parallel.ForEachAsync(due, new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = InFlightToken },
                    async (job, ct) => await DeliverOrLeaveAsync(sender, job, ct));
            }
            finally
            {
                await sent.CancelAsync();
                await renewal;
            }
        }
    }

    /// <summary>A job whose outcome could not be recorded (the database went away) stays pending and is
    /// sent again later: a peer may get it twice (it deduplicates by id), none lose it, and the worker
    /// does not stop.</summary>
    private async Task DeliverOrLeaveAsync(DeliverySender sender, DeliveryJob job, CancellationToken ct)
    {
        try
        {
            await DeliverAsync(sender, job, ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            log.LogWarning("Recording the delivery of {Activity} to {Inbox} failed; it stays queued: {Error}",
                job.ActivityId, job.InboxUrl, e.Message);
        }
    }

    /// <summary>Renews the batch's claims until it is sent: a batch of slow hosts can take longer than
    /// one lease. Jobs already marked are no longer pending and are skipped by the renewal.</summary>
    private async Task KeepClaimedAsync(IReadOnlyCollection<long> ids, CancellationToken ct)
    {
        try
        {
            while (true)
            {
                await Task.Delay(cluster.Value.RenewEvery, clock, ct);
                try
                {
                    await claims.RenewAsync(ids, clock.GetUtcNow() + cluster.Value.ClaimLease, ct);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    log.LogWarning(e, "Renewing {Count} delivery claims failed", ids.Count);
                }
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
        }
    }

    /// <summary>A mark that changed nothing: the job's lease ran out and another node took it over.</summary>
    private void Kept(bool marked, DeliveryJob job)
    {
        if (!marked)
            log.LogWarning("The claim on delivering {Activity} to {Inbox} was lost; another node owns the job now", job.ActivityId, job.InboxUrl);
    }

    private async Task DeliverAsync(DeliverySender sender, DeliveryJob job, CancellationToken ct)
    {
        var host = new Uri(job.InboxUrl).Authority;
        // A demo's generated accounts live on reserved hosts: nothing made up may leave the machine.
        if (options.Value.Demo && ReservedHosts.IsReserved(new Uri(job.InboxUrl).Host))
        {
            Kept(await queue.MarkFailedAsync(job.Id, "Not delivered: demo mode never delivers to a reserved host.", CancellationToken.None), job);
            return;
        }
        if (circuits.OpenUntil(host) is { } until)
        {
            // Not an attempt: the host is resting. Keep the attempt count.
            Kept(await queue.RescheduleAsync(job.Id, job.Attempts, until, $"circuit open for {host}", CancellationToken.None), job);
            return;
        }
        using var span = ServiceMetrics.Source.StartActivity("delivery.send");
        span?.SetTag("server.address", host);
        DeliveryAttempt attempt;
        try
        {
            attempt = await sender.SendAsync(job.InboxUrl, job.SenderUsername, job.Body, ct);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            return;
        }
        catch (Exception e)
        {
            attempt = new DeliveryAttempt(DeliveryResult.Retry, e.Message);
        }

        span?.SetTag("outcome", attempt.Result.ToString());
        metrics.Delivery(host, attempt.Result.ToString().ToLowerInvariant());
        switch (attempt.Result)
        {
            case DeliveryResult.Delivered:
                circuits.RecordSuccess(host);
                Kept(await queue.MarkDeliveredAsync(job.Id, CancellationToken.None), job);
                break;
            case DeliveryResult.Gone:
                Kept(await queue.MarkFailedAsync(job.Id, attempt.Error ?? attempt.Result.ToString(), CancellationToken.None), job);
                // The recipient went away: stop following-based deliveries to it for good.
                await services.GetRequiredService<IChangeWriter>().ApplyAsync([new RemoveFollowersAtInbox(job.InboxUrl)], null, CancellationToken.None);
                break;
            case DeliveryResult.Refused:
                Kept(await queue.MarkFailedAsync(job.Id, attempt.Error ?? attempt.Result.ToString(), CancellationToken.None), job);
                break;
            case DeliveryResult.Retry:
                circuits.RecordFailure(host);
                var attempts = job.Attempts + 1;
                if (attempts >= RetrySchedule.MaxAttempts)
                {
                    log.LogWarning("Giving up delivering {Activity} to {Inbox}: {Error}", job.ActivityId, job.InboxUrl, attempt.Error);
                    Kept(await queue.MarkFailedAsync(job.Id, attempt.Error ?? "gave up", CancellationToken.None), job);
                    break;
                }
                var delay = RetrySchedule.Delay(job.Attempts, Random.Shared);
                if (attempt.RetryAfter is { } asked && asked > delay)
                    delay = asked;
                Kept(await queue.RescheduleAsync(job.Id, attempts, clock.GetUtcNow() + delay, attempt.Error ?? "retry", CancellationToken.None), job);
                break;
        }
    }
}
