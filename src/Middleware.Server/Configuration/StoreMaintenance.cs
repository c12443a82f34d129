using Middleware.Data;

namespace Middleware.Server.Configuration;

/// <summary>Checkpoints the SQLite write-ahead log twenty times a second, off the request path: small, frequent checkpoints keep each burst of write-back short.</summary>
public sealed class StoreMaintenance(WalCheckpointer checkpointer, ILogger<StoreMaintenance> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(50));
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await checkpointer.CheckpointAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                log.LogWarning(e, "Checkpointing the database failed");
            }
        }
    }
}
