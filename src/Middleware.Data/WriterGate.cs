namespace Middleware.Data;

/// <summary>Who waits for SQLite's single writer: a request that a peer is waiting on (an inbox
/// append) goes before background work (the worker's commits), so background batches cannot add
/// their length to the answer time of the inbox.</summary>
public enum WritePriority
{
    Background,
    Request,
}

/// <summary>SQLite's one writer, handed out in-process in priority order, then first come first
/// served. Writers queue here instead of colliding in SQLite's busy handler, which sleeps for
/// milliseconds between retries.</summary>
internal sealed class WriterGate
{
    private readonly Lock _lock = new();
    private readonly Queue<TaskCompletionSource> _request = new();
    private readonly Queue<TaskCompletionSource> _background = new();
    private bool _held;

    public Task EnterAsync(WritePriority priority, CancellationToken ct)
    {
        TaskCompletionSource waiter;
        lock (_lock)
        {
            if (!_held)
            {
                _held = true;
                return Task.CompletedTask;
            }
            waiter = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            (priority == WritePriority.Request ? _request : _background).Enqueue(waiter);
        }
        if (ct.CanBeCanceled)
        {
            // A cancelled waiter stays queued; Release skips it because it is already completed.
            var registration = ct.Register(() => waiter.TrySetCanceled(ct));
            waiter.Task.ContinueWith(_ => registration.Dispose(), TaskScheduler.Default);
        }
        return waiter.Task;
    }

    /// <summary>How many writers wait for their turn (for tests: a writer is queued before its call returns).</summary>
    public int Waiting
    {
        get
        {
            lock (_lock)
                return _request.Concat(_background).Count(w => !w.Task.IsCompleted);
        }
    }

    public void Release()
    {
        lock (_lock)
        {
            while (_request.TryDequeue(out var next) || _background.TryDequeue(out next))
            {
                if (next.TrySetResult())
                    return;
            }
            _held = false;
        }
    }
}
