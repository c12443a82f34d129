using Microsoft.Extensions.Options;
using Middleware.Core.Cluster;

namespace Middleware.Server.Retention;

/// <summary>Runs the <see cref="RetentionSweep"/> after <see cref="RetentionOptions.StartupDelay"/> and
/// then every <see cref="RetentionOptions.Interval"/>, on the service's clock. A failed run is logged
/// and the next one runs on time. Only the leading node sweeps (ADR 0036).</summary>
public sealed class RetentionSchedule(RetentionSweep sweep, TimeProvider clock, IOptions<RetentionOptions> options,
    ILeadership leadership, ILogger<RetentionSchedule> log) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) => leadership.RunWhileLeadingAsync(SweepOnScheduleAsync, stoppingToken);

    private async Task SweepOnScheduleAsync(CancellationToken stoppingToken)
    {
        try
        {
            await Task.Delay(options.Value.StartupDelay, clock, stoppingToken);
            using var timer = new PeriodicTimer(options.Value.Interval, clock);
            do
            {
                await RunOnceAsync(stoppingToken);
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down.
        }
    }

    private async Task RunOnceAsync(CancellationToken ct)
    {
        try
        {
            var report = await sweep.RunAsync(ct);
            if (report.Any)
                log.LogInformation("Retention: dropped {InboxBodies} inbox bodies, deleted {Deliveries} finished deliveries, {ServedPositions} old served positions and {SignIns} expired sign-ins",
                    report.InboxBodies, report.Deliveries, report.ServedPositions, report.ExpiredSignIns);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            log.LogWarning(e, "Retention run failed; the next runs in {Interval}", options.Value.Interval);
        }
    }
}
