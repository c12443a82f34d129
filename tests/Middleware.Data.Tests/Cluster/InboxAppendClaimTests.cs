using Dapper;
using Middleware.Core.Cluster;
using Middleware.Core.Inbox;

namespace Middleware.Data.Tests.Cluster;

/// <summary>A node claims what it appends when a claim could take it now (ADR 0042): the same rule as
/// <see cref="InboxOrderTests"/>, checked in the insert.</summary>
public sealed class InboxAppendClaimTests : ClusterDatabase
{
    private Task<IReadOnlyList<AppendedEntry>> AppendClaimingAsync(NodeIdentity node, int max, params (string Actor, int Number)[] entries) =>
        InboxOf(node).AppendAndClaimAsync(entries.Select(NewEntry).ToList(), new AppendClaim(max, Clock.Now, Clock.Now + Lease));

    [Fact]
    public async Task Entries_of_actors_with_nothing_pending_are_claimed_as_stored_and_nobody_else_claims_them()
    {
        var appended = await AppendClaimingAsync(NodeA, 10, ("ann", 1), ("bob", 1));

        Assert.All(appended, a => Assert.True(a.Stored));
        var claimed = appended.Select(a => a.Claimed!).ToList();
        var stored = await InboxOf(NodeA).TakePendingAsync(10, Clock.Now);
        Assert.Equal(stored, claimed);
        Assert.Empty(await ClaimAsync(NodeB, 10));
        Assert.Empty(await ClaimAsync(NodeA, 10));

        // Like any claim, it runs out with its lease.
        Clock.Now += Lease;
        Assert.Equal(stored.Select(e => e.Id), (await ClaimAsync(NodeB, 10)).Select(e => e.Id));
    }

    [Fact]
    public async Task An_entry_waits_while_its_actor_has_an_earlier_one_that_another_node_holds_or_may_take()
    {
        var ids = await AppendAsync(("ann", 1));

        // ann-1 is due and unclaimed: whoever claims next takes it first.
        var appended = await AppendClaimingAsync(NodeA, 10, ("ann", 2), ("bob", 1));
        Assert.Null(appended[0].Claimed);
        Assert.NotNull(appended[1].Claimed);

        // Held by B.
        Assert.Equal([ids[0]], (await ClaimAsync(NodeB, 1)).Select(e => e.Id));
        Assert.Null((await AppendClaimingAsync(NodeA, 10, ("ann", 3)))[0].Claimed);

        // B's lease ran out: claimable again, so still first.
        Clock.Now += Lease;
        Assert.Null((await AppendClaimingAsync(NodeA, 10, ("ann", 4)))[0].Claimed);
        Assert.Equal([ids[0]], (await ClaimAsync(NodeA, 1)).Select(e => e.Id));
    }

    [Fact]
    public async Task A_node_holding_an_actors_earlier_entry_claims_the_later_ones_in_a_batch_or_after()
    {
        var first = await AppendClaimingAsync(NodeA, 10, ("ann", 1), ("ann", 2));
        var later = await AppendClaimingAsync(NodeA, 10, ("ann", 3));
        var other = await AppendClaimingAsync(NodeB, 10, ("ann", 4));

        Assert.All(first.Concat(later), a => Assert.NotNull(a.Claimed));
        Assert.True(other[0].Stored);
        Assert.Null(other[0].Claimed);

        // Once A's lease ran out, another node may take ann-1 at any moment: A no longer claims after it.
        Clock.Now += Lease;
        Assert.Null((await AppendClaimingAsync(NodeA, 10, ("ann", 5)))[0].Claimed);
    }

    [Fact]
    public async Task No_more_than_the_maximum_are_claimed_and_never_an_actors_later_entry_without_its_earlier()
    {
        var appended = await AppendClaimingAsync(NodeA, 1, ("ann", 1), ("ann", 2), ("bob", 1));

        Assert.Equal([true, false, false], appended.Select(a => a.Claimed is not null));
        // ann-2 follows ann-1, which A holds; bob-1 is free.
        Assert.Equal([NewEntry(("bob", 1)).ActivityId], (await ClaimAsync(NodeB, 10)).Select(e => e.ActivityId));
        Assert.Equal([NewEntry(("ann", 2)).ActivityId], (await ClaimAsync(NodeA, 10)).Select(e => e.ActivityId));
    }

    [Fact]
    public async Task A_deferred_entry_does_not_stop_another_node_claiming_the_actors_next_one()
    {
        var first = await AppendClaimingAsync(NodeA, 10, ("ann", 1));
        await InboxOf(NodeA).DeferAsync(first[0].Claimed!.Id, "peer timed out", Clock.Now.AddMinutes(1));

        Assert.NotNull((await AppendClaimingAsync(NodeB, 10, ("ann", 2)))[0].Claimed);
    }

    [Fact]
    public async Task A_repeat_is_neither_stored_nor_claimed_and_takes_nothing_from_the_first()
    {
        var appended = await AppendClaimingAsync(NodeA, 10, ("ann", 1), ("ann", 1));
        var again = await AppendClaimingAsync(NodeA, 10, ("ann", 1));

        Assert.Equal([true, false, false], appended.Concat(again).Select(a => a.Stored));
        Assert.Equal([true, false, false], appended.Concat(again).Select(a => a.Claimed is not null));
        Assert.Single(await InboxOf(NodeA).TakePendingAsync(10, Clock.Now));
    }

    [Fact]
    public async Task Without_a_claim_the_append_claims_nothing()
    {
        Assert.Equal([true], await InboxOf(NodeA).AppendAsync([NewEntry(("ann", 1))]));

        Assert.Single(await ClaimAsync(NodeB, 10));
    }

    [PostgresOnlyFact]
    public async Task Two_nodes_appending_one_actors_entries_at_once_store_them_one_after_the_other()
    {
        // B's batch stores ann-1, then waits on a row that an open transaction is inserting with the
        // same key as its second entry; B is then mid-append, its ann-1 not yet committed.
        await using var other = await Db.OpenForWriteAsync();
        await using var tx = await other.BeginTransactionAsync();
        var blocker = NewEntry(("zed", 1));
        await other.ExecuteAsync("""
            INSERT INTO inbox (activity_id, type, actor_uri, signer_uri, body, received_at, state, attempts, next_attempt_at)
            VALUES (@ActivityId, @Type, @ActorUri, @SignerUri, @Body, 0, 'pending', 0, 0)
            """, blocker, tx);
        var byB = InboxOf(NodeB).AppendAndClaimAsync([NewEntry(("ann", 1)), blocker], new AppendClaim(10, Clock.Now, Clock.Now + Lease));
        await WaitingAsync(1);

        // A appends ann-2: it waits for B's commit instead of claiming past an entry it cannot see.
        var byA = AppendClaimingAsync(NodeA, 10, ("ann", 2));
        await Task.WhenAny(byA, WaitingAsync(2));
        await tx.RollbackAsync();

        var b = await byB.WaitAsync(TimeSpan.FromSeconds(15));
        var a = await byA.WaitAsync(TimeSpan.FromSeconds(15));
        Assert.NotNull(b[0].Claimed);
        Assert.True(a[0].Stored);
        Assert.Null(a[0].Claimed);
        var pending = await InboxOf(NodeA).TakePendingAsync(10, Clock.Now);
        Assert.Equal([NewEntry(("ann", 1)).ActivityId, NewEntry(("ann", 2)).ActivityId],
            pending.Where(e => e.ActorUri.EndsWith("/ann", StringComparison.Ordinal)).OrderBy(e => e.Id).Select(e => e.ActivityId));
    }

    /// <summary>Until this many sessions wait for a lock.</summary>
    private async Task WaitingAsync(int sessions)
    {
        for (var i = 0; i < 1500; i++)
        {
            await using var connection = await Db.OpenAsync();
            if (await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM pg_locks WHERE NOT granted") >= sessions)
                return;
            await Task.Delay(10);
        }
        throw new TimeoutException($"{sessions} sessions never waited for a lock");
    }
}
