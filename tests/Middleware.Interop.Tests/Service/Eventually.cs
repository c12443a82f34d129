namespace Middleware.Interop.Tests.Service;

/// <summary>Polling with a deadline: federation is asynchronous, so tests wait for a state, never for a time.</summary>
public static class Eventually
{
    /// <summary>The default deadline; generous because CI machines with 2 cores are slow, never asserted on.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Calls <paramref name="read"/> until <paramref name="done"/> holds for its result and returns it.
    /// </summary>
    /// <exception cref="TimeoutException">The deadline passed; the message has the last value and the diagnostics.</exception>
    public static async Task<T> MatchAsync<T>(
        Func<Task<T>> read, Func<T, bool> done, string what, Func<string> diagnostics, TimeSpan? timeout = null)
    {
        var deadline = DateTimeOffset.UtcNow + (timeout ?? DefaultTimeout);
        while (true)
        {
            var value = await read();
            if (done(value))
            {
                return value;
            }
            if (DateTimeOffset.UtcNow > deadline)
            {
                throw new TimeoutException($"Waited in vain for {what}. Last value: {Describe(value)}\n{diagnostics()}");
            }
            await Task.Delay(100);
        }
    }

    private static string Describe<T>(T value) => value switch
    {
        null => "null",
        System.Text.Json.JsonElement json => json.GetRawText(),
        _ => value.ToString() ?? "",
    };
}
