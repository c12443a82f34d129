using Microsoft.Extensions.Options;
using Middleware.Server.Configuration;

namespace Middleware.Server.Edges;

/// <summary>What stands between the open internet and the endpoints: trusted proxies, problem documents
/// for every error, and rate limits (ADR 0025).</summary>
public static class EdgeSetup
{
    public static IServiceCollection AddEdges(this IServiceCollection services, IConfiguration configuration, MiddlewareOptions options) =>
        services.AddProxyTrust(options).AddProblems().AddRateLimits(configuration);

    /// <summary>Forwarded headers first (everything after sees the real scheme and client), then the
    /// error handling that wraps the rest.</summary>
    public static IApplicationBuilder UseEdges(this WebApplication app) =>
        app.UseProxyTrust(app.Services.GetRequiredService<IOptions<MiddlewareOptions>>().Value).UseProblems();

    /// <summary>After CORS, so a 429 to a web app carries the CORS headers it needs to read it.</summary>
    public static IApplicationBuilder UseRateLimits(this IApplicationBuilder app) => app.UseRateLimiter();
}
