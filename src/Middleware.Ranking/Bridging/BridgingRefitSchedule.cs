using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Middleware.Ranking.Bridging;

/// <summary>Loads the last stored model at start-up, refits shortly after and then every
/// <see cref="BridgingOptions.RefitInterval"/>. Each refit has its own budget
/// (<see cref="BridgingOptions.RefitBudget"/>); a failed one is reported and the next runs on time.</summary>
public sealed class BridgingRefitSchedule(BridgingRanker ranker, IOptions<BridgingOptions> options, ILogger<BridgingRefitSchedule> log, TimeProvider? clock = null)
    : BackgroundService
{
    private readonly TimeProvider clock = clock ?? TimeProvider.System;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            // The last stored model serves at once; the first refit follows after the start-up delay.
            await ranker.LoadAsync(stoppingToken);
            await Task.Delay(options.Value.StartupDelay, clock, stoppingToken);
            using var timer = new PeriodicTimer(options.Value.RefitInterval, clock);
            do
            {
                var report = await ranker.RefitAsync(stoppingToken);
                if (!report.Succeeded)
                    log.LogWarning("Scheduled bridging refit did not replace the model: {Error}", report.Error);
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down.
        }
    }
}
