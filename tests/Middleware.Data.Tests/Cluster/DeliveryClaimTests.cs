using System.Collections.Concurrent;
using Middleware.Core.Cluster;
using Middleware.Core.Delivery;
using Middleware.Data.Delivery;

namespace Middleware.Data.Tests.Cluster;

/// <summary>Delivery claims between two nodes on one database (ADR 0035).</summary>
public sealed class DeliveryClaimTests : ClusterDatabase
{
    private DeliveryQueue QueueOf(NodeIdentity node) => new(Db, Clock, node);

    private DeliveryClaims DeliveryClaimsOf(NodeIdentity node) => new(Db, node);

    private Task<IReadOnlyList<DeliveryJob>> ClaimDueAsync(NodeIdentity node, int max) =>
        DeliveryClaimsOf(node).ClaimDueAsync(Clock.Now, Clock.Now + Lease, max);

    private async Task<IReadOnlyList<long>> EnqueueAsync(int count)
    {
        await QueueOf(NodeA).EnqueueAsync(Enumerable.Range(1, count)
            .Select(i => new NewDelivery($"https://host{i}.example/inbox", "tech", "https://feeds.example/activities/1", "{}")).ToList());
        return (await QueueOf(NodeA).TakeDueAsync(Clock.Now, count)).Select(j => j.Id).ToList();
    }

    [Fact]
    public async Task Nodes_claiming_concurrently_get_disjoint_sets_and_together_everything()
    {
        var ids = await EnqueueAsync(300);
        var claimed = new ConcurrentBag<long>();

        var claimers = new[] { NodeA, NodeB }.SelectMany(node => Enumerable.Range(0, 8).Select(_ => Task.Run(async () =>
        {
            while (await ClaimDueAsync(node, 6) is { Count: > 0 } batch)
            {
                foreach (var job in batch)
                    claimed.Add(job.Id);
            }
        })));
        await Task.WhenAll(claimers);

        Assert.Equal(ids.Order(), claimed.Order());
    }

    [Fact]
    public async Task A_live_lease_is_not_taken_over_a_renewed_one_holds_and_one_that_ran_out_is_taken()
    {
        var ids = await EnqueueAsync(2);
        await ClaimDueAsync(NodeA, 10);
        Assert.Empty(await ClaimDueAsync(NodeB, 10));

        Clock.Now += TimeSpan.FromSeconds(20);
        Assert.Equal(1, await DeliveryClaimsOf(NodeA).RenewAsync([ids[0]], Clock.Now + Lease));
        Clock.Now += TimeSpan.FromSeconds(10);

        Assert.Equal([ids[1]], (await ClaimDueAsync(NodeB, 10)).Select(j => j.Id));
    }

    [Fact]
    public async Task Marks_after_the_claim_was_lost_change_nothing()
    {
        var ids = await EnqueueAsync(3);
        await ClaimDueAsync(NodeA, 10);
        Clock.Now += Lease;
        await ClaimDueAsync(NodeB, 10);
        var a = QueueOf(NodeA);

        Assert.False(await a.MarkDeliveredAsync(ids[0]));
        Assert.False(await a.MarkFailedAsync(ids[1], "410 Gone"));
        Assert.False(await a.RescheduleAsync(ids[2], 1, Clock.Now.AddMinutes(5), "503"));

        Assert.Equal(new DeliveryCounts(3, 0, 0), await a.CountAsync());
        Assert.All(await a.TakeDueAsync(Clock.Now, 10), j => Assert.Equal(0, j.Attempts));
        Assert.True(await QueueOf(NodeB).MarkDeliveredAsync(ids[0]));
        Assert.Equal(new DeliveryCounts(2, 1, 0), await a.CountAsync());
    }

    [Fact]
    public async Task A_rescheduled_job_is_released_for_any_node_when_it_is_due_again()
    {
        var ids = await EnqueueAsync(1);
        await ClaimDueAsync(NodeA, 10);

        Assert.True(await QueueOf(NodeA).RescheduleAsync(ids[0], 1, Clock.Now.AddSeconds(5), "503"));
        Assert.Empty(await ClaimDueAsync(NodeB, 10));
        Clock.Now += TimeSpan.FromSeconds(5);

        Assert.Equal((ids[0], 1), (await ClaimDueAsync(NodeB, 10)).Select(j => (j.Id, j.Attempts)).Single());
    }

    [Fact]
    public async Task Releasing_at_start_frees_every_claim_on_SQLite_and_none_on_a_shared_database()
    {
        await EnqueueAsync(2);
        await ClaimDueAsync(NodeA, 10);

        await DeliveryClaimsOf(NodeB).ReleaseIfSoleNodeAsync();

        Assert.Equal(Db.Dialect == SqlDialect.Sqlite ? 2 : 0, (await ClaimDueAsync(NodeB, 10)).Count);
    }
}
