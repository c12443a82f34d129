using Microsoft.Extensions.Options;

namespace Middleware.Server.Configuration;

/// <summary>What must hold before the service starts anything: settings it cannot run with and a data
/// directory another process uses are refused with one log line each, and the process exits non-zero
/// (instead of background services failing one after another and a supervisor restarting it in a loop).</summary>
public static class StartChecks
{
    /// <summary>True when the service may start; otherwise the one reason is logged as critical.</summary>
    public static bool PassStartChecks(this WebApplication app)
    {
        var options = app.Services.GetRequiredService<IOptions<MiddlewareOptions>>().Value;
        var problem = PublicUrlRule.Problem(options.PublicUrl) is { } urlProblem
            ? PublicUrlRule.Refusal(options.PublicUrl!, urlProblem)
            : Edges.ProxyTrust.Problem(options)
                ?? app.Services.GetRequiredService<IOptions<Operations.TelemetryOptions>>().Value.Problem()
                ?? app.Services.GetRequiredService<DataDirectoryLock>().TryAcquire();
        if (problem is null)
            return true;
        app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Middleware.Start").LogCritical("{Problem}", problem);
        return false;
    }
}
