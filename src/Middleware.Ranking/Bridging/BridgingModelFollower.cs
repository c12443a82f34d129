using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Middleware.Ranking.Bridging;

/// <summary>On several nodes sharing one database, only one refits (the leader); every node polls the
/// store every <see cref="BridgingOptions.FollowInterval"/> and takes up a fit newer than its own, so all
/// nodes rank (and score coordination) with the same model within that bound (ADR 0037). Polling rather
/// than a notification: a node that was away catches up on its next look, and a look is one indexed query.</summary>
public sealed class BridgingModelFollower(BridgingRanker ranker, IOptions<BridgingOptions> options, ILogger<BridgingModelFollower> log, TimeProvider? clock = null)
    : BackgroundService
{
    private readonly TimeProvider clock = clock ?? TimeProvider.System;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.FollowInterval, clock);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    await ranker.FollowAsync(stoppingToken);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    // The database may be away for a moment; the model in use stays, the next look retries.
                    log.LogWarning(e, "Looking for a newer stored bridging model failed");
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down.
        }
    }
}
