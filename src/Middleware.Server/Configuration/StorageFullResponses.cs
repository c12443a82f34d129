using Middleware.Data;

namespace Middleware.Server.Configuration;

/// <summary>A request that failed because the storage is full answers 503 with <c>Retry-After</c>:
/// nothing of it was stored, and everything acknowledged before stays (SQLite rolls the failed
/// transaction back), so a peer or an app may simply try again later. The admin is told once a
/// minute, not once per request.</summary>
public sealed class StorageFullResponses(RequestDelegate next, TimeProvider clock, ILogger<StorageFullResponses> log)
{
    public const int RetryAfterSeconds = 120;
    private long lastWarningTicks;

    public async Task InvokeAsync(HttpContext http)
    {
        try
        {
            await next(http);
        }
        catch (Exception e) when (StorageErrors.IsFull(e) && !http.Response.HasStarted)
        {
            var now = clock.GetUtcNow().UtcTicks;
            var last = Interlocked.Read(ref lastWarningTicks);
            if (now - last > TimeSpan.TicksPerMinute && Interlocked.CompareExchange(ref lastWarningTicks, now, last) == last)
                log.LogCritical("The storage is full: requests that write answer 503 until there is room again ({Error})", e.Message);
            http.Response.Clear();
            http.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            http.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            await http.Response.WriteAsJsonAsync(new { error = "The service's storage is full; nothing was stored. Try again later." });
        }
    }
}
