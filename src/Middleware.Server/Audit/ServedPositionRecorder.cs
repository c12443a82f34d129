using System.Threading.Channels;
using Microsoft.Extensions.Options;
using Middleware.Core.Audit;
using Middleware.Server.Operations;

namespace Middleware.Server.Audit;

/// <summary>The <c>Middleware:Audit</c> section.</summary>
public sealed class AuditOptions
{
    public const string Section = "Middleware:Audit";

    /// <summary>Serves waiting to be written; past it new serves are dropped (serving never waits for the audit).</summary>
    public int QueueCapacity { get; set; } = 10_000;

    /// <summary>Serves written in one transaction at most.</summary>
    public int BatchSize { get; set; } = 500;

    /// <summary>How long the writer lets serves gather before it writes them (unless a whole batch is
    /// waiting already). One transaction per serve would cost more than serving the page did.</summary>
    public TimeSpan WriteInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How long the report of an open range (one that reaches into the last minutes) is kept.</summary>
    public TimeSpan OpenRangeCache { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How long the report of a closed range (ended before the writer's lag) is kept.</summary>
    public TimeSpan ClosedRangeCache { get; set; } = TimeSpan.FromHours(1);
}

/// <summary>Takes serves from request handlers into a bounded queue that a background writer drains in
/// batches (ADR 0028): recording costs a handler one queue write, and a failed write is logged, never a
/// failed page. The writer lets serves gather for <see cref="AuditOptions.WriteInterval"/>, or until a
/// whole batch is queued, before it writes them; stopping the host writes what is queued.</summary>
public sealed class ServedPositionRecorder(IServedPositionStore store, IOptions<AuditOptions> options, ServiceMetrics metrics, ILogger<ServedPositionRecorder> log)
    : BackgroundService, IServedPositionRecorder
{
    private readonly Channel<ServedPage> queue = Channel.CreateBounded<ServedPage>(new BoundedChannelOptions(Math.Max(1, options.Value.QueueCapacity))
    {
        FullMode = BoundedChannelFullMode.DropWrite, SingleReader = true,
    });

    private long dropped;

    /// <summary>Completed by <see cref="Record"/> once a whole batch is queued, so the writer stops
    /// gathering early (a burst is written at once, not dropped while the writer waits).</summary>
    private volatile TaskCompletionSource batchQueued = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private readonly TaskCompletionSource gathering = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private int BatchSize => Math.Max(1, options.Value.BatchSize);

    /// <summary>Completes the first time the writer waits for serves to gather (tests: serves recorded
    /// after it must end that wait).</summary>
    internal Task Gathering => gathering.Task;

    public void Record(ServedPage page)
    {
        if (page.Positions.Count == 0)
            return;
        if (queue.Writer.TryWrite(page))
        {
            if (queue.Reader.Count >= BatchSize)
                batchQueued.TrySetResult();
            return;
        }
        metrics.AuditDropped();
        if (Interlocked.Increment(ref dropped) % 1_000 == 1)
            log.LogWarning("The audit queue is full; {Dropped} serves were not recorded so far", Interlocked.Read(ref dropped));
    }

    /// <summary>Writes what is queued now (tests and shutdown); returns when it is stored.</summary>
    public async Task FlushAsync(CancellationToken ct = default)
    {
        while (queue.Reader.TryRead(out var first))
            await WriteAsync(Batch(first), ct);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            // Not the stopping token: a batch taken from the queue is written, or stopping would lose it.
            while (await queue.Reader.WaitToReadAsync(stoppingToken))
            {
                // At a few serves a second, writing each on arrival made the audit the largest part of
                // a read's CPU, in the service and in the database (ADR 0048); a batch of a second's
                // serves costs about what one serve did. Renewed before the count is read, so a batch
                // queued meanwhile either shows in the count or completes the new one.
                var queued = batchQueued = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                if (queue.Reader.Count < BatchSize && options.Value.WriteInterval > TimeSpan.Zero)
                {
                    gathering.TrySetResult();
                    await Task.WhenAny(queued.Task, Task.Delay(options.Value.WriteInterval, stoppingToken));
                    stoppingToken.ThrowIfCancellationRequested();
                }
                await FlushAsync(CancellationToken.None);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: what is still queued is written below, without the cancelled token.
        }
        await FlushAsync(CancellationToken.None);
    }

    private List<ServedPage> Batch(ServedPage first)
    {
        var batch = new List<ServedPage> { first };
        while (batch.Count < BatchSize && queue.Reader.TryRead(out var next))
            batch.Add(next);
        return batch;
    }

    private async Task WriteAsync(List<ServedPage> batch, CancellationToken ct)
    {
        try
        {
            await store.AppendAsync(batch, ct);
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            log.LogWarning(e, "Could not record {Serves} serves for the audit; they are lost, serving goes on", batch.Count);
        }
    }
}
