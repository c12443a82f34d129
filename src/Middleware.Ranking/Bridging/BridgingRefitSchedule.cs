using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Middleware.Core.Cluster;

namespace Middleware.Ranking.Bridging;

/// <summary>Loads the last stored model at start-up, refits shortly after and then every
/// <see cref="BridgingOptions.RefitInterval"/>. Each refit has its own budget
/// (<see cref="BridgingOptions.RefitBudget"/>); a failed one is reported and the next runs on time.
/// Every node loads the stored model; only the leading node refits (ADR 0036), and a refit in progress
/// is cancelled when leadership is lost. Followers keep the model they loaded until something reloads
/// it (<see cref="BridgingRanker.LoadAsync"/>) when the leader stores a new fit.</summary>
public sealed class BridgingRefitSchedule(BridgingRanker ranker, IOptions<BridgingOptions> options, ILogger<BridgingRefitSchedule> log,
    TimeProvider? clock = null, ILeadership? leadership = null)
    : BackgroundService
{
    private readonly TimeProvider clock = clock ?? TimeProvider.System;
    private readonly ILeadership leadership = leadership ?? AlwaysLeading.Instance;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            // The last stored model serves at once, on every node.
            await ranker.LoadAsync(stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            return;
        }

        await leadership.RunWhileLeadingAsync(RefitOnScheduleAsync, stoppingToken);
    }

    /// <summary>The first refit follows after the start-up delay, then one every interval.</summary>
    private async Task RefitOnScheduleAsync(CancellationToken stoppingToken)
    {
        try
        {
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
            // Shutting down, or this node stopped leading.
        }
    }
}
