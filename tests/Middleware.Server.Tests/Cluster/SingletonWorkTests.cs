using Middleware.Tests.Shared.Postgres;
using Middleware.Core.Cluster;
using Middleware.Server.Tests.Infrastructure;

namespace Middleware.Server.Tests.Cluster;

/// <summary>Singleton work runs on the leading node only: it starts when a node gains leadership and is
/// cancelled when the node loses it, and then runs on the node that took over.</summary>
public sealed class SingletonWorkTests : ElectionDatabase
{
    private sealed class Work
    {
        public int Started;
        public int Cancelled;

        public async Task RunAsync(CancellationToken leading)
        {
            Interlocked.Increment(ref Started);
            try
            {
                await Task.Delay(Timeout.Infinite, leading);
            }
            finally
            {
                Interlocked.Increment(ref Cancelled);
            }
        }
    }

    [PostgresFact]
    public async Task Work_runs_on_the_leader_only_and_moves_with_leadership()
    {
        var a = Election("node-a");
        var b = Election("node-b");
        await a.StepAsync(default);
        await b.StepAsync(default);
        var (onA, onB) = (new Work(), new Work());
        using var stopping = new CancellationTokenSource();

        var runningA = a.RunWhileLeadingAsync(onA.RunAsync, stopping.Token);
        var runningB = b.RunWhileLeadingAsync(onB.RunAsync, stopping.Token);

        await Eventually.TrueAsync(() => Task.FromResult(onA.Started == 1), "the work started on the leader");
        Assert.Equal(0, onB.Started);

        await TerminateLeaderSessionAsync();
        await a.StepAsync(default);
        await Eventually.TrueAsync(() => Task.FromResult(onA.Cancelled == 1), "the work cancelled on the node that lost");
        await Eventually.TrueAsync(async () =>
        {
            await b.StepAsync(default);
            return onB.Started == 1;
        }, "the work started on the node that took over");
        Assert.Equal(1, onA.Started);

        await stopping.CancelAsync();
        await Task.WhenAll(runningA, runningB);
        Assert.Equal(1, onB.Cancelled);
    }

    [Fact]
    public async Task A_node_alone_on_its_database_runs_the_work_at_once_until_it_stops()
    {
        var work = new Work();
        using var stopping = new CancellationTokenSource();

        var running = AlwaysLeading.Instance.RunWhileLeadingAsync(work.RunAsync, stopping.Token);
        Assert.Equal(1, work.Started);
        await stopping.CancelAsync();
        await running;

        Assert.Equal(1, work.Cancelled);
    }
}
