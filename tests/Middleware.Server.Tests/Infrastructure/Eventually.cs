namespace Middleware.Server.Tests.Infrastructure;

/// <summary>Waits for background work (inbox and delivery workers) to reach a state.</summary>
public static class Eventually
{
    public const int DefaultTimeoutMs = 20_000;

    /// <summary>Polls until <paramref name="probe"/> returns a value (for structs such as JsonElement).</summary>
    public static async Task<T> GetAsync<T>(Func<Task<T?>> probe, string what, int timeoutMs = DefaultTimeoutMs) where T : struct
    {
        var deadline = DateTime.UtcNow.AddMilliseconds(timeoutMs);
        while (true)
        {
            if (await probe() is { } value)
                return value;
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"Timed out waiting for {what}.");
            await Task.Delay(50);
        }
    }

    /// <summary>Polls until <paramref name="probe"/> returns an object.</summary>
    public static async Task<T> FirstAsync<T>(Func<T?> probe, string what, int timeoutMs = DefaultTimeoutMs) where T : class
    {
        var deadline = DateTime.UtcNow.AddMilliseconds(timeoutMs);
        while (true)
        {
            if (probe() is { } value)
                return value;
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"Timed out waiting for {what}.");
            await Task.Delay(50);
        }
    }

    public static async Task TrueAsync(Func<Task<bool>> probe, string what, int timeoutMs = DefaultTimeoutMs)
    {
        var deadline = DateTime.UtcNow.AddMilliseconds(timeoutMs);
        while (!await probe())
        {
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"Timed out waiting for {what}.");
            await Task.Delay(50);
        }
    }
}
