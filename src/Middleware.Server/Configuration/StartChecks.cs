using Microsoft.Extensions.Options;

namespace Middleware.Server.Configuration;

/// <summary>What must hold before the service starts anything: settings it cannot run with, a data
/// directory another process uses and a database that does not answer are refused with one log line
/// each, and the process exits non-zero (instead of background services failing one after another and a
/// supervisor restarting it in a loop).</summary>
public static class StartChecks
{
    // Long enough for a database server that is still starting next to us, short enough for an admin.
    private static readonly TimeSpan DatabaseWait = TimeSpan.FromSeconds(30);

    /// <summary>True when the service may start; otherwise the one reason is logged as critical.</summary>
    public static async Task<bool> PassStartChecksAsync(this WebApplication app)
    {
        var options = app.Services.GetRequiredService<IOptions<MiddlewareOptions>>().Value;
        var problem = PublicUrlRule.Problem(options.PublicUrl) is { } urlProblem
            ? PublicUrlRule.Refusal(options.PublicUrl!, urlProblem)
            : Edges.ProxyTrust.Problem(options)
              ?? app.Services.GetRequiredService<IOptions<Operations.TelemetryOptions>>().Value.Problem()
              ?? app.Services.GetRequiredService<IOptions<Cluster.LeadershipOptions>>().Value.Problem()
              ?? app.Services.GetRequiredService<IOptions<Cluster.ClusterOptions>>().Value.Problem()
              ?? DatabaseChoice.Problem(options, app.Configuration)
              ?? app.Services.GetRequiredService<DataDirectoryLock>().TryAcquire();
        if (problem is null)
        {
            using var wait = new CancellationTokenSource(DatabaseWait);
            problem = await DatabaseReachability.ProblemAsync(app.Services, wait.Token);
        }

        if (problem is null)
            return true;
        app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Middleware.Start").LogCritical("{Problem}", problem);
        return false;
    }
}
