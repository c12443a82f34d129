using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Middleware.Data.Migrations;

namespace Middleware.Server.Configuration;

/// <summary><c>/healthz</c>: the process answers (liveness). <c>/readyz</c>: it can serve (readiness):
/// the database answers, every migration is applied, and it is not shutting down. Both are for
/// orchestrators and proxies (the container's HEALTHCHECK uses <c>/healthz</c>); they say nothing
/// about the data.</summary>
public static class Health
{
    private const string Ready = "ready";

    public static IServiceCollection AddMiddlewareHealth(this IServiceCollection services)
    {
        services.AddHealthChecks()
            .AddCheck<DatabaseReady>("database", tags: [Ready])
            .AddCheck<NotStopping>("running", tags: [Ready]);
        return services;
    }

    public static IEndpointRouteBuilder MapHealth(this IEndpointRouteBuilder app)
    {
        app.MapHealthChecks("/healthz", new HealthCheckOptions { Predicate = _ => false, ResponseWriter = WriteAsync });
        app.MapHealthChecks("/readyz", new HealthCheckOptions { Predicate = c => c.Tags.Contains(Ready), ResponseWriter = WriteAsync });
        return app;
    }

    /// <summary><c>{"status":"Healthy","checks":{"database":"Healthy",…}}</c>, with the reason of each failing check.</summary>
    private static Task WriteAsync(HttpContext http, HealthReport report)
    {
        http.Response.ContentType = "application/json; charset=utf-8";
        http.Response.Headers.CacheControl = "no-store";
        return http.Response.WriteAsync(JsonSerializer.Serialize(new
        {
            status = report.Status.ToString(),
            checks = report.Entries.ToDictionary(e => e.Key, e => e.Value.Description is { } why ? $"{e.Value.Status}: {why}" : e.Value.Status.ToString()),
        }));
    }

    /// <summary>With <c>--healthcheck</c> (or <c>--readycheck</c>), the process only asks the running
    /// service's <c>/healthz</c> (or <c>/readyz</c>) on <c>ASPNETCORE_HTTP_PORTS</c>, as in the container, and
    /// exits 0 or 1: the container's HEALTHCHECK, where the runtime image has no curl. Null otherwise:
    /// start the service.</summary>
    public static async Task<int?> ProbeAsync(string[] args)
    {
        if (ProbePath(args) is not { } path)
            return null;
        var port = Environment.GetEnvironmentVariable("ASPNETCORE_HTTP_PORTS")?.Split(';', ',')[0].Trim() is { Length: > 0 } p ? p : "8080";
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        try
        {
            return (await http.GetAsync($"http://127.0.0.1:{port}{path}")).IsSuccessStatusCode ? 0 : 1;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            await Console.Error.WriteLineAsync($"healthcheck: {e.Message}");
            return 1;
        }
    }

    /// <summary>The path a probe asks: <c>/readyz</c> for <c>--readycheck</c> (several nodes behind a
    /// proxy: a node that cannot serve should leave the rotation, not only a dead one), <c>/healthz</c> for
    /// <c>--healthcheck</c>; null when neither is given.</summary>
    public static string? ProbePath(string[] args) =>
        args.Contains("--readycheck") ? "/readyz" : args.Contains("--healthcheck") ? "/healthz" : null;

    private sealed class DatabaseReady(MigrationRunner migrations) : IHealthCheck
    {
        public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default)
        {
            try
            {
                var pending = await migrations.PendingAsync(ct);
                return pending.Count == 0
                    ? HealthCheckResult.Healthy()
                    : HealthCheckResult.Unhealthy($"migrations not applied: {string.Join(", ", pending)}");
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                return HealthCheckResult.Unhealthy($"the database does not answer: {e.Message}");
            }
        }
    }

    private sealed class NotStopping(IHostApplicationLifetime lifetime) : IHealthCheck
    {
        public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default) =>
            Task.FromResult(lifetime.ApplicationStopping.IsCancellationRequested
                ? HealthCheckResult.Unhealthy("shutting down")
                : HealthCheckResult.Healthy());
    }
}
