using System.Collections.Concurrent;
using Dapper;
using Middleware.Core.Inbox;
using Middleware.Core.Ingest;

namespace Middleware.Data.Tests.Cluster;

/// <summary>An actor's activities apply in arrival order across nodes (ADR 0035).</summary>
public sealed class InboxOrderTests : ClusterDatabase
{
    [Fact]
    public async Task An_actors_later_entry_waits_while_another_node_holds_an_earlier_one()
    {
        var ids = await AppendAsync(("ann", 1), ("bob", 1), ("ann", 2));
        Assert.Equal([ids[0]], (await ClaimAsync(NodeA, 1)).Select(e => e.Id));

        Assert.Equal([ids[1]], (await ClaimAsync(NodeB, 10)).Select(e => e.Id));

        await using var writer = WriterOf(NodeA);
        await writer.CompleteAsync([new ProcessedEntry(ids[0], InboxState.Done, [], null)]);
        Assert.Equal([ids[2]], (await ClaimAsync(NodeB, 10)).Select(e => e.Id));
    }

    [Fact]
    public async Task The_same_node_may_hold_several_entries_of_one_actor_and_orders_them_itself()
    {
        var ids = await AppendAsync(("ann", 1), ("ann", 2));
        await ClaimAsync(NodeA, 1);

        Assert.Equal([ids[1]], (await ClaimAsync(NodeA, 10)).Select(e => e.Id));
    }

    [Fact]
    public async Task An_earlier_entry_left_below_the_read_position_holds_later_ones_back()
    {
        var ids = await AppendAsync(("ann", 1), ("ann", 2));

        Assert.Empty(await ClaimAsync(NodeA, 10, afterId: ids[0]));
        Assert.Equal(ids, (await ClaimAsync(NodeA, 10)).Select(e => e.Id));
    }

    [Fact]
    public async Task A_deferred_entry_does_not_hold_its_actor_back()
    {
        var ids = await AppendAsync(("ann", 1), ("ann", 2));
        await ClaimAsync(NodeA, 1);
        await InboxOf(NodeA).DeferAsync(ids[0], "peer timed out", Clock.Now.AddMinutes(1));

        Assert.Equal([ids[1]], (await ClaimAsync(NodeB, 10)).Select(e => e.Id));
    }

    [Fact]
    public async Task Two_nodes_draining_concurrently_apply_each_actors_entries_in_order_exactly_once()
    {
        var entries = Enumerable.Range(1, 20).SelectMany(n => Enumerable.Range(1, 10).Select(a => ($"actor{a}", n))).ToArray();
        var ids = await AppendAsync(entries);
        var outOfOrder = new ConcurrentBag<long>();
        var applied = new ConcurrentBag<long>();

        async Task DrainAsync(Middleware.Core.Cluster.NodeIdentity node)
        {
            await using var writer = WriterOf(node);
            var inbox = InboxOf(node);
            while (await inbox.CountPendingAsync() > 0)
            {
                var batch = await ClaimAsync(node, 5);
                if (batch.Count == 0)
                    await Task.Delay(1);
                foreach (var entry in batch)
                {
                    // Applying an entry: every earlier entry of its actor must be done by then.
                    if (await EarlierPendingAsync(entry) > 0)
                        outOfOrder.Add(entry.Id);
                    var done = await writer.CompleteAsync([new ProcessedEntry(entry.Id, InboxState.Done, [], null)]);
                    if (done[0])
                        applied.Add(entry.Id);
                }
            }
        }

        await Task.WhenAll(Task.Run(() => DrainAsync(NodeA)), Task.Run(() => DrainAsync(NodeB)));

        Assert.Empty(outOfOrder);
        Assert.Equal(ids.Order(), applied.Order());
    }

    private async Task<long> EarlierPendingAsync(InboxEntry entry)
    {
        await using var connection = await Db.OpenAsync();

        const string sql = """
            SELECT COUNT(*) FROM inbox WHERE actor_uri = @ActorUri AND id < @Id AND state = 'pending'
            """;
        return await connection.ExecuteScalarAsync<long>(sql, new { entry.ActorUri, entry.Id });
    }
}
