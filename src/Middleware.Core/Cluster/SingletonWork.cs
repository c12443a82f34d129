namespace Middleware.Core.Cluster;

/// <summary>Runs work that one node does for all only while this node leads: it starts when leadership
/// is gained and is cancelled when it is lost, then waits to lead again.</summary>
public static class SingletonWork
{
    /// <summary>Runs <paramref name="work"/> under each term of leadership until
    /// <paramref name="stopping"/> is cancelled. Work that returns by itself while still leading is done.</summary>
    public static async Task RunWhileLeadingAsync(this ILeadership leadership, Func<CancellationToken, Task> work, CancellationToken stopping)
    {
        while (!stopping.IsCancellationRequested)
        {
            CancellationToken term;
            try
            {
                term = await leadership.WaitToLeadAsync(stopping);
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                return;
            }

            using var leading = CancellationTokenSource.CreateLinkedTokenSource(term, stopping);
            try
            {
                await work(leading.Token);
            }
            catch (OperationCanceledException) when (term.IsCancellationRequested || stopping.IsCancellationRequested)
            {
                // Leadership lost (wait to lead again) or stopping (the loop ends).
            }

            if (!term.IsCancellationRequested)
                return;
        }
    }
}
