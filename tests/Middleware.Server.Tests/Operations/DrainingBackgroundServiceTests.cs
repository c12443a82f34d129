using Middleware.Server.Operations;

namespace Middleware.Server.Tests.Operations;

/// <summary>Work a worker has started runs on after stop begins, and is cut off only when the
/// shutdown timeout (the token StopAsync is given) runs out.</summary>
public sealed class DrainingBackgroundServiceTests
{
    [Fact]
    public async Task Work_already_started_finishes_after_stop_begins()
    {
        using var worker = new OneJob(TimeSpan.FromMilliseconds(300));
        await worker.StartAsync(CancellationToken.None);
        await worker.Started.Task;

        await worker.StopAsync(CancellationToken.None);

        Assert.Equal("finished", await worker.Outcome.Task);
        Assert.False(worker.TookMore);
    }

    [Fact]
    public async Task Work_still_running_when_the_shutdown_timeout_runs_out_is_cancelled()
    {
        using var worker = new OneJob(Timeout.InfiniteTimeSpan);
        await worker.StartAsync(CancellationToken.None);
        await worker.Started.Task;
        using var timeout = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));

        await worker.StopAsync(timeout.Token);

        Assert.Equal("cancelled", await worker.Outcome.Task.WaitAsync(TimeSpan.FromSeconds(5)));
    }

    /// <summary>Takes one job, works on it for <c>duration</c> with the in-flight token, then would take
    /// another if not stopping.</summary>
    private sealed class OneJob(TimeSpan duration) : DrainingBackgroundService
    {
        public TaskCompletionSource Started { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource<string> Outcome { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public bool TookMore { get; private set; }

        protected override async Task ExecuteAsync(CancellationToken stoppingToken)
        {
            Started.SetResult();
            try
            {
                await Task.Delay(duration, InFlightToken);
                Outcome.SetResult("finished");
            }
            catch (OperationCanceledException)
            {
                Outcome.SetResult("cancelled");
                return;
            }
            TookMore = !stoppingToken.IsCancellationRequested;
        }
    }
}
