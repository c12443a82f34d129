namespace Middleware.Server.Operations;

/// <summary>How a background worker waits after its store failed (the database went away): 1 s, then
/// doubling up to <see cref="Longest"/>, back to 1 s after the next success, so a worker resumes by
/// itself within seconds of the database's return without hammering it while it is gone. The first
/// failure of an outage is logged with its stack trace, later ones once a minute in one line.</summary>
public sealed class StoreBackoff(string work, TimeProvider clock, ILogger log)
{
    public static readonly TimeSpan Longest = TimeSpan.FromSeconds(16);
    private static readonly TimeSpan First = TimeSpan.FromSeconds(1);

    private TimeSpan _next = First;
    private int _failures;
    private DateTimeOffset _lastLogged = DateTimeOffset.MinValue;

    /// <summary>The store answered: the next failure starts a new outage.</summary>
    public void Succeeded()
    {
        if (_failures > 0)
            log.LogInformation("{Work} works again after {Failures} failed attempts", work, _failures);
        _failures = 0;
        _next = First;
    }

    /// <summary>Logs <paramref name="error"/> (sparingly) and waits before the next attempt.</summary>
    public async Task WaitAfterAsync(Exception error, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        if (_failures == 0)
        {
            log.LogError(error, "{Work} failed; retrying in {Delay}", work, _next);
            _lastLogged = now;
        }
        else if (now - _lastLogged >= TimeSpan.FromMinutes(1))
        {
            log.LogWarning("{Work} still fails after {Failures} attempts: {Error}", work, _failures + 1, error.Message);
            _lastLogged = now;
        }
        _failures++;
        var delay = _next;
        _next = TimeSpan.FromTicks(Math.Min(_next.Ticks * 2, Longest.Ticks));
        await Task.Delay(delay, clock, ct);
    }
}
