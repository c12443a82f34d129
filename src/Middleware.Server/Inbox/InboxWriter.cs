using System.Threading.Channels;
using Microsoft.Extensions.Options;
using Middleware.Core.Inbox;
using Middleware.Server.Cluster;

namespace Middleware.Server.Inbox;

public enum AppendOutcome
{
    Stored,
    Duplicate,
    /// <summary>The write queue is full: the caller answers 503 and the peer retries later.</summary>
    Overloaded,
}

/// <summary>Group commit for the inbox: concurrent POSTs are written in one transaction per batch,
/// and each request is answered only after its activity is durable. The queue is bounded, so a
/// flood is refused (503) instead of growing memory without end. What it stores it claims for this
/// node's worker as far as the worker has room, and hands over in memory (ADR 0042).</summary>
public sealed class InboxWriter : BackgroundService
{
    private const int MaxBatch = 512;
    private readonly Channel<PendingAppend> _queue;
    private readonly IInboxStore _store;
    private readonly InboxSignal _signal;
    private readonly InboxHandOff _handOff;
    private readonly TimeProvider _clock;
    private readonly TimeSpan _lease;
    private readonly ILogger<InboxWriter> _log;

    public InboxWriter(
        IInboxStore store,
        InboxSignal signal,
        InboxHandOff handOff,
        TimeProvider clock,
        IOptions<ClusterOptions> cluster,
        IOptions<Configuration.MiddlewareOptions> options,
        ILogger<InboxWriter> log)
    {
        _store = store;
        _signal = signal;
        _handOff = handOff;
        _clock = clock;
        _lease = cluster.Value.ClaimLease;
        _log = log;
        _queue = Channel.CreateBounded<PendingAppend>(new BoundedChannelOptions(options.Value.InboxWriteQueueCapacity)
        {
            FullMode = BoundedChannelFullMode.Wait,
            SingleReader = true,
        });
    }

    public Task<AppendOutcome> AppendAsync(NewInboxEntry entry)
    {
        var pending = new PendingAppend(entry);
        return _queue.Writer.TryWrite(pending) ? pending.Completion.Task : Task.FromResult(AppendOutcome.Overloaded);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var batch = new List<PendingAppend>(MaxBatch);
        try
        {
            while (await _queue.Reader.WaitToReadAsync(stoppingToken))
            {
                batch.Clear();
                while (batch.Count < MaxBatch && _queue.Reader.TryRead(out var item))
                    batch.Add(item);
                await WriteAsync(batch);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        // Whatever is still queued was never acknowledged with 202: the peers will retry.
        while (_queue.Reader.TryRead(out var left))
            left.Completion.TrySetResult(AppendOutcome.Overloaded);
    }

    private async Task WriteAsync(List<PendingAppend> batch)
    {
        try
        {
            // Not the host's stopping token: a batch that started is finished, so no peer that
            // will get 202 loses its activity.
            var now = _clock.GetUtcNow();
            var claim = new AppendClaim(_handOff.Room, now, now + _lease);
            var results = await _store.AppendAndClaimAsync(batch.Select(p => p.Entry).ToList(), claim, CancellationToken.None);
            var claimed = results.Where(r => r.Claimed is not null).Select(r => r.Claimed!).ToList();
            _handOff.Give(claimed, unclaimedStored: results.Any(r => r.Stored && r.Claimed is null));
            for (var i = 0; i < batch.Count; i++)
                batch[i].Completion.TrySetResult(results[i].Stored ? AppendOutcome.Stored : AppendOutcome.Duplicate);
            _signal.Notify();
        }
        catch (Exception e)
        {
            _log.LogError(e, "Storing {Count} inbox activities failed", batch.Count);
            foreach (var p in batch)
                p.Completion.TrySetException(e);
        }
    }

    private sealed record PendingAppend(NewInboxEntry Entry)
    {
        public TaskCompletionSource<AppendOutcome> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
