using System.Threading.Channels;
using Middleware.Core.Ingest;
using Middleware.Data;

namespace Middleware.Server.Inbox;

/// <summary>Group commit for processed entries: decisions made concurrently are committed together,
/// each caller waiting for its own commit (so the next entry of the same actor sees it). A batch is
/// sized to hold SQLite's single writer for about <see cref="TargetHold"/>: inbox appends, which a
/// peer is waiting on, get the writer between batches. PostgreSQL has no single writer to share, and
/// each commit waits for its own WAL flush (a few milliseconds on a virtual disk), so there a batch
/// takes everything waiting, up to <see cref="MaxBatch"/> (ADR 0040). A batch that fails is retried
/// entry by entry, so one bad entry fails alone.</summary>
public sealed class InboxCommitter(IChangeWriter writer, IDbConnectionFactory db, ILogger<InboxCommitter> log) : BackgroundService
{
    private const int MaxBatch = 64;
    private static readonly TimeSpan TargetHold = TimeSpan.FromMilliseconds(2);

    // Moving average of the commit time per entry, from which the next batch size follows.
    private double _secondsPerEntry = 0.0002;
    private readonly Channel<Pending> _queue = Channel.CreateUnbounded<Pending>(new UnboundedChannelOptions { SingleReader = true });

    /// <summary>Commits the entry; true when it was applied, false when it was no longer pending.</summary>
    public Task<bool> CommitAsync(ProcessedEntry entry)
    {
        var pending = new Pending(entry);
        if (!_queue.Writer.TryWrite(pending))
            pending.Completion.TrySetException(new InvalidOperationException("The committer has stopped."));
        return pending.Completion.Task;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var batch = new List<Pending>(MaxBatch);
        try
        {
            while (await _queue.Reader.WaitToReadAsync(stoppingToken))
            {
                batch.Clear();
                var size = db.Dialect == SqlDialect.PostgreSql
                    ? MaxBatch
                    : (int)Math.Clamp(TargetHold.TotalSeconds / _secondsPerEntry, 1, MaxBatch);
                while (batch.Count < size && _queue.Reader.TryRead(out var item))
                    batch.Add(item);
                var started = System.Diagnostics.Stopwatch.GetTimestamp();
                await CommitBatchAsync(batch);
                var perEntry = System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalSeconds / batch.Count;
                _secondsPerEntry = 0.8 * _secondsPerEntry + 0.2 * perEntry;
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        _queue.Writer.TryComplete();
        // Not committed: the entries stay pending and are processed again after the restart.
        while (_queue.Reader.TryRead(out var left))
            left.Completion.TrySetCanceled();
    }

    private async Task CommitBatchAsync(List<Pending> batch)
    {
        try
        {
            var applied = await writer.CompleteAsync(batch.Select(p => p.Entry).ToList(), CancellationToken.None);
            for (var i = 0; i < batch.Count; i++)
                batch[i].Completion.TrySetResult(applied[i]);
            return;
        }
        catch (Exception e) when (batch.Count > 1)
        {
            log.LogWarning(e, "Committing {Count} processed entries failed; committing them one by one", batch.Count);
        }
        catch (Exception e)
        {
            batch[0].Completion.TrySetException(e);
            return;
        }
        foreach (var pending in batch)
        {
            try
            {
                var applied = await writer.CompleteAsync([pending.Entry], CancellationToken.None);
                pending.Completion.TrySetResult(applied[0]);
            }
            catch (Exception e)
            {
                pending.Completion.TrySetException(e);
            }
        }
    }

    private sealed record Pending(ProcessedEntry Entry)
    {
        public TaskCompletionSource<bool> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
