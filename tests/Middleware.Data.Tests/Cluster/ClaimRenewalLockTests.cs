using System.Data.Common;
using Dapper;
using Middleware.Core.Delivery;
using Middleware.Data.Delivery;

namespace Middleware.Data.Tests.Cluster;

/// <summary>Renewing or releasing claims while the same node's committer holds some of those rows
/// (PostgreSQL row locks; ADR 0035). Waiting for those rows deadlocked (40P01) once the committer
/// went on to mark a row the renewal had already locked: renewals and releases skip them instead.</summary>
public sealed class ClaimRenewalLockTests : ClusterDatabase
{
    // Only a hang fails on this: without the skip, the renewal waits for the committer's transaction.
    private static readonly TimeSpan Hang = TimeSpan.FromSeconds(15);

    [PostgresOnlyFact]
    public async Task Renewing_inbox_claims_skips_the_rows_being_committed_and_the_commit_goes_on()
    {
        var ids = await AppendAsync(("ann", 1), ("bob", 1), ("cy", 1));
        await ClaimAsync(NodeA, 10);
        await using var committer = await Db.OpenForWriteAsync();
        await using var tx = await committer.BeginTransactionAsync();
        // The committer marks its batch in processing order, here the last entry first.
        await MarkAsync(committer, tx, "inbox", "done", ids[2]);

        var renewed = await ClaimsOf(NodeA).RenewAsync(ids.ToList(), Clock.Now + Lease).WaitAsync(Hang);
        await MarkAsync(committer, tx, "inbox", "done", ids[0]);
        await tx.CommitAsync();

        Assert.Equal(2, renewed);
        Assert.Equal([ids[1]], await PendingAsync("inbox"));
    }

    [PostgresOnlyFact]
    public async Task Releasing_inbox_claims_skips_the_rows_being_committed()
    {
        var ids = await AppendAsync(("ann", 1), ("bob", 1));
        await ClaimAsync(NodeA, 10);
        await using var committer = await Db.OpenForWriteAsync();
        await using var tx = await committer.BeginTransactionAsync();
        await MarkAsync(committer, tx, "inbox", "done", ids[1]);

        await ClaimsOf(NodeA).ReleaseAsync(ids.ToList()).WaitAsync(Hang);
        await tx.CommitAsync();

        Assert.Equal([ids[0]], await PendingAsync("inbox"));
        Assert.Equal([ids[0]], (await ClaimAsync(NodeB, 10)).Select(e => e.Id));
    }

    [PostgresOnlyFact]
    public async Task Renewing_delivery_claims_skips_the_job_whose_result_is_being_recorded()
    {
        await new DeliveryQueue(Db, Clock, NodeA).EnqueueAsync(
        [
            new NewDelivery("https://a.example/inbox", "tech", "https://feeds.example/activities/1", "{}"),
            new NewDelivery("https://b.example/inbox", "tech", "https://feeds.example/activities/1", "{}"),
        ]);
        var claims = new DeliveryClaims(Db, NodeA);
        var ids = (await claims.ClaimDueAsync(Clock.Now, Clock.Now + Lease, 10)).Select(j => j.Id).Order().ToList();
        await using var recorder = await Db.OpenForWriteAsync();
        await using var tx = await recorder.BeginTransactionAsync();
        await MarkAsync(recorder, tx, "deliveries", "delivered", ids[1]);

        var renewed = await claims.RenewAsync(ids, Clock.Now + Lease).WaitAsync(Hang);
        await tx.CommitAsync();

        Assert.Equal(1, renewed);
    }

    private static Task MarkAsync(DbConnection connection, DbTransaction tx, string table, string state, long id) =>
        connection.ExecuteAsync($"UPDATE {table} SET state = @state WHERE id = @id AND claimed_by = 'node-a'", new { id, state }, tx);

    private async Task<List<long>> PendingAsync(string table)
    {
        await using var connection = await Db.OpenAsync();
        return (await connection.QueryAsync<long>($"SELECT id FROM {table} WHERE state = 'pending' ORDER BY id")).ToList();
    }
}
