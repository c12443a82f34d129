namespace Middleware.Server.Operations;

/// <summary>A worker that, when the host stops, stops taking new work at once (the stopping token)
/// but lets work already started finish (<see cref="InFlightToken"/>), until the host's
/// <see cref="HostOptions.ShutdownTimeout"/> runs out. Cancelling in-flight work at the first signal
/// would throw away deliveries and inbox entries that were a moment from done.</summary>
public abstract class DrainingBackgroundService : BackgroundService
{
    private readonly CancellationTokenSource deadline = new();

    /// <summary>For work already taken: cancelled only when the shutdown timeout has run out.</summary>
    protected CancellationToken InFlightToken => deadline.Token;

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        // cancellationToken fires when HostOptions.ShutdownTimeout has passed.
        await using (cancellationToken.Register(deadline.Cancel))
            await base.StopAsync(cancellationToken);
        // The base may return on the timeout before our callback ran (callbacks run newest first, and
        // leaving this block unregisters ours): cancel here too.
        if (cancellationToken.IsCancellationRequested)
            await deadline.CancelAsync();
    }

    public override void Dispose()
    {
        deadline.Dispose();
        base.Dispose();
        GC.SuppressFinalize(this);
    }
}
