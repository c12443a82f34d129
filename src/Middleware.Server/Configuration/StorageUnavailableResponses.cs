using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Middleware.Data;
using Middleware.Server.Edges;

namespace Middleware.Server.Configuration;

/// <summary>A request that failed because the store cannot take it answers 503 with <c>Retry-After</c>
/// (an RFC 9457 problem), not 500: the storage is full, or the PostgreSQL server cannot be reached or
/// went away during the request. Nothing of the request was stored (the transaction rolled back or
/// never began) and everything acknowledged before stays, so a peer or an app may simply try again
/// later; an inbox POST that gets this answer was not acknowledged, and the sender retries it. The
/// admin is told once a minute per cause, not once per request.</summary>
public sealed class StorageUnavailableResponses(RequestDelegate next, IProblemDetailsService problems, TimeProvider clock,
    ILogger<StorageUnavailableResponses> log)
{
    /// <summary>A full disk takes an admin to fix.</summary>
    public const int FullRetryAfterSeconds = 120;

    /// <summary>A database server restarts or fails over within seconds to a minute.</summary>
    public const int UnreachableRetryAfterSeconds = 30;

    private long lastFullWarning;
    private long lastUnreachableWarning;

    public async Task InvokeAsync(HttpContext http)
    {
        try
        {
            await next(http);
        }
        catch (Exception e) when (StorageErrors.IsFull(e) && !http.Response.HasStarted)
        {
            if (FirstThisMinute(ref lastFullWarning))
                log.LogCritical("The storage is full: requests that write answer 503 until there is room again ({Error})", e.Message);
            await AnswerAsync(http, e, FullRetryAfterSeconds, "The service's storage is full; nothing was stored. Try again later.");
        }
        catch (Exception e) when (StorageErrors.IsUnreachable(e) && !http.Response.HasStarted)
        {
            if (FirstThisMinute(ref lastUnreachableWarning))
                log.LogCritical("The database cannot be reached: requests that need it answer 503 until it is back ({Error})", e.Message);
            await AnswerAsync(http, e, UnreachableRetryAfterSeconds,
                "The service's database cannot be reached; nothing of this request was stored. Try again later.");
        }
    }

    private bool FirstThisMinute(ref long last)
    {
        var now = clock.GetUtcNow().UtcTicks;
        var before = Interlocked.Read(ref last);
        return now - before > TimeSpan.TicksPerMinute && Interlocked.CompareExchange(ref last, now, before) == before;
    }

    private async Task AnswerAsync(HttpContext http, Exception e, int retryAfterSeconds, string detail)
    {
        http.Response.Clear();
        http.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        http.Response.Headers.RetryAfter = retryAfterSeconds.ToString(CultureInfo.InvariantCulture);
        await problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = http,
            Exception = e,
            ProblemDetails = new ProblemDetails
            {
                Status = StatusCodes.Status503ServiceUnavailable,
                Type = Problems.Type(Problems.Unavailable),
                Title = "Service unavailable",
                Detail = detail,
            },
        });
    }
}
