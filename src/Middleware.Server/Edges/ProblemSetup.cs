using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace Middleware.Server.Edges;

/// <summary>One shape for every error: <c>AddProblemDetails</c>, the exception handler and status-code
/// pages, so a malformed body, a wrong media type, an unknown route or a failure is answered with a
/// problem document, never an empty body or a stack trace.</summary>
public static class ProblemSetup
{
    public static IServiceCollection AddProblems(this IServiceCollection services)
    {
        // Body binding failures are thrown (not answered with an empty 400/415), so the handler can say what failed.
        services.Configure<Microsoft.AspNetCore.Routing.RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        services.AddSingleton<IProblemDetailsWriter, ClientApiProblemWriter>();
        services.AddProblemDetails(o => o.CustomizeProblemDetails = context => Complete(context.ProblemDetails, context.HttpContext));
        services.AddExceptionHandler<ProblemExceptionHandler>();
        return services;
    }

    public static IApplicationBuilder UseProblems(this IApplicationBuilder app) =>
        app.UseExceptionHandler().UseStatusCodePages();

    /// <summary>Fills in what a bare status (from status-code pages) lacks, and the <c>error</c> member.</summary>
    private static void Complete(ProblemDetails problem, HttpContext http)
    {
        var status = problem.Status ?? http.Response.StatusCode;
        if (problem.Detail is null)
        {
            (problem.Type, problem.Detail) = status switch
            {
                404 => (Problems.Type(Problems.NotFound), $"There is nothing at {http.Request.Path}."),
                405 => (Problems.Type(Problems.MethodNotAllowed), $"{http.Request.Method} is not allowed on {http.Request.Path}."),
                // Only endpoints that bind a JSON body answer a bare 415; the others say what they read themselves.
                415 => (Problems.Type(Problems.UnsupportedMediaType),
                    $"{http.Request.Path} reads a JSON body (Content-Type: application/json), not '{http.Request.ContentType}'."),
                _ => (Problems.Type(Problems.HttpStatus), problem.Title ?? $"The request was answered with status {status}."),
            };
        }
        problem.Extensions.Remove("traceId");
        problem.Extensions.TryAdd("error", problem.Detail);
    }

    /// <summary>Mastodon apps (masto.js among them) parse error bodies only when they are
    /// <c>application/json</c>, so under the client API the same document is sent as that.</summary>
    private sealed class ClientApiProblemWriter(Microsoft.Extensions.Options.IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json) : IProblemDetailsWriter
    {
        public bool CanWrite(ProblemDetailsContext context) => IsClientApi(context.HttpContext.Request.Path);

        public ValueTask WriteAsync(ProblemDetailsContext context)
        {
            var http = context.HttpContext;
            Complete(context.ProblemDetails, http);
            return new ValueTask(http.Response.WriteAsJsonAsync(context.ProblemDetails, json.Value.SerializerOptions,
                "application/json; charset=utf-8", http.RequestAborted));
        }
    }

    /// <summary>The paths Mastodon apps call: the client API and OAuth.</summary>
    public static bool IsClientApi(PathString path) =>
        path.StartsWithSegments("/api/v1") || path.StartsWithSegments("/api/v2") || path.StartsWithSegments("/oauth");
}
