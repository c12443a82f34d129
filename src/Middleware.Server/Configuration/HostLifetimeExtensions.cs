namespace Middleware.Server.Configuration;

public static class HostLifetimeExtensions
{
    /// <summary>Completes once the server listens: workers whose handlers need the public URL
    /// (derived from the listening address when not configured) wait for it.</summary>
    public static Task WaitForStartAsync(this IHostApplicationLifetime lifetime, CancellationToken ct)
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lifetime.ApplicationStarted.Register(() => started.TrySetResult());
        return started.Task.WaitAsync(ct);
    }
}
