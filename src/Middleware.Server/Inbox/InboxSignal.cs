namespace Middleware.Server.Inbox;

/// <summary>Wakes a waiting worker as soon as there is new work, instead of it polling on a timer.</summary>
public class WorkSignal
{
    private readonly SemaphoreSlim _semaphore = new(0, 1);

    public void Notify()
    {
        if (_semaphore.CurrentCount == 0)
        {
            try
            {
                _semaphore.Release();
            }
            catch (SemaphoreFullException)
            {
                // Another thread notified first; one wake-up is enough.
            }
        }
    }

    /// <summary>Waits for a notification or the timeout, whichever comes first. Cancel a wait you
    /// stop caring about: an abandoned wait would swallow the next notification.</summary>
    public Task WaitAsync(TimeSpan timeout, CancellationToken ct) => _semaphore.WaitAsync(timeout, ct);
}

/// <summary>New inbox entries are stored.</summary>
public sealed class InboxSignal : WorkSignal;

/// <summary>New deliveries are queued.</summary>
public sealed class DeliverySignal : WorkSignal;
