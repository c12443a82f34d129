using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;

namespace Middleware.Server.Edges;

/// <summary>Turns exceptions into problem documents: a body the endpoint could not bind says what was
/// wrong with it (400 or 415, not logged: the client's mistake); anything else is a 500 that names no
/// internals, logged once with its stack trace.</summary>
public sealed class ProblemExceptionHandler(IProblemDetailsService problems, ILogger<ProblemExceptionHandler> log) : IExceptionHandler
{
    /// <summary>What a body that is not JSON is told; the admin recipe editor says the same.</summary>
    public static string MalformedJsonDetail(JsonException json) => $"The body is not valid JSON for this endpoint: {json.Message}";

    public async ValueTask<bool> TryHandleAsync(HttpContext http, Exception exception, CancellationToken ct)
    {
        var (status, slug, title, detail) = exception switch
        {
            BadHttpRequestException { StatusCode: 415 } e => (415, Problems.UnsupportedMediaType, "Unsupported media type", e.Message),
            BadHttpRequestException { InnerException: JsonException json } =>
                (400, Problems.MalformedJson, "Malformed JSON body", MalformedJsonDetail(json)),
            BadHttpRequestException e => (e.StatusCode, Problems.InvalidRequest, "Invalid request", e.Message),
            _ => (500, Problems.ServerError, "Server error", "The service failed to answer this request; the error is logged."),
        };
        if (status == 500)
            log.LogError(exception, "{Method} {Path} failed", http.Request.Method, http.Request.Path);
        http.Response.StatusCode = status;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = http,
            Exception = exception,
            ProblemDetails = { Status = status, Type = Problems.Type(slug), Title = title, Detail = detail },
        });
    }
}
