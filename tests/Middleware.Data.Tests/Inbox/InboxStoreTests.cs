using Middleware.Core.Inbox;
using Middleware.Data.Inbox;
using Middleware.Data.Ingest;

namespace Middleware.Data.Tests.Inbox;

public sealed class InboxStoreTests : TestDatabase
{
    private InboxStore Inbox => new(Db, Clock, Node);

    private InboxClaims Claims => new(Db, Node);

    [Fact]
    public async Task Append_reports_which_entries_are_new()
    {
        var first = await Inbox.AppendAsync([Samples.InboxEntry("1", Clock.Now), Samples.InboxEntry("2", Clock.Now)]);
        var second = await Inbox.AppendAsync(
            [Samples.InboxEntry("2", Clock.Now), Samples.InboxEntry("3", Clock.Now), Samples.InboxEntry("3", Clock.Now)]);

        Assert.Equal([true, true], first);
        Assert.Equal([false, true, false], second);
        Assert.Equal(3, await Inbox.CountPendingAsync());
    }

    [PostgresOnlyFact]
    public async Task A_batch_the_server_refuses_in_part_stores_none_of_it()
    {
        // PostgreSQL refuses text with a NUL character: the middle row fails on the server, after the
        // first went in. The batch is one statement, so the first is not kept either.
        var bad = Samples.InboxEntry("2", Clock.Now) with { Body = "{\"type\":\"Create\0\"}" };

        await Assert.ThrowsAnyAsync<System.Data.Common.DbException>(() =>
            Inbox.AppendAsync([Samples.InboxEntry("1", Clock.Now), bad, Samples.InboxEntry("3", Clock.Now)]));

        Assert.Equal(0, await Inbox.CountPendingAsync());
        Assert.Equal([true], await Inbox.AppendAsync([Samples.InboxEntry("1", Clock.Now)]));
    }

    [Fact]
    public async Task Empty_batch_is_a_no_op()
    {
        Assert.Empty(await Inbox.AppendAsync([]));
    }

    [Fact]
    public async Task Large_batch_is_stored_in_order()
    {
        var entries = Enumerable.Range(1, 500).Select(i => Samples.InboxEntry(i.ToString(), Clock.Now)).ToList();

        var added = await Inbox.AppendAsync(entries);
        var taken = await Inbox.TakePendingAsync(1000, Clock.Now);

        Assert.All(added, Assert.True);
        Assert.Equal(entries.Select(e => e.ActivityId), taken.Select(e => e.ActivityId));
    }

    [Fact]
    public async Task Entry_reads_back_as_stored()
    {
        var entry = Samples.InboxEntry("1", Clock.Now) with { LocalRecipient = "tech", SignerUri = "https://relay.example/actor" };
        await Inbox.AppendAsync([entry]);

        var taken = Assert.Single(await Inbox.TakePendingAsync(10, Clock.Now));

        Assert.Equal(
            new InboxEntry(taken.Id, entry.ActivityId, entry.Type, entry.ActorUri, entry.SignerUri, entry.Body,
                "tech", entry.ReceivedAt, InboxState.Pending, 0),
            taken);
    }

    [Fact]
    public async Task Take_respects_limit_order_and_due_time()
    {
        await Inbox.AppendAsync([Samples.InboxEntry("1", Clock.Now), Samples.InboxEntry("2", Clock.Now), Samples.InboxEntry("3", Clock.Now)]);
        var all = await Inbox.TakePendingAsync(10, Clock.Now);

        await Claims.ClaimAsync(1, Clock.Now, Clock.Now.AddSeconds(30));
        await Inbox.DeferAsync(all[0].Id, "peer timed out", Clock.Now.AddMinutes(1));

        Assert.Equal([all[1].Id], (await Inbox.TakePendingAsync(1, Clock.Now)).Select(e => e.Id));
        Assert.Equal([all[1].Id, all[2].Id], (await Inbox.TakePendingAsync(10, Clock.Now)).Select(e => e.Id));
        var later = await Inbox.TakePendingAsync(10, Clock.Now.AddMinutes(1));
        Assert.Equal(all.Select(e => e.Id), later.Select(e => e.Id));
        Assert.Equal(1, later[0].Attempts);
    }

    [Fact]
    public async Task Closed_entries_are_no_longer_pending_and_are_counted_by_state()
    {
        await Inbox.AppendAsync([Samples.InboxEntry("1", Clock.Now), Samples.InboxEntry("2", Clock.Now)]);
        var all = await Claims.ClaimAsync(10, Clock.Now, Clock.Now.AddSeconds(30));

        await Inbox.CloseAsync(all[0].Id, InboxState.Rejected, "origin mismatch");
        await Inbox.CloseAsync(all[1].Id, InboxState.Failed, "gave up");

        Assert.Empty(await Inbox.TakePendingAsync(10, Clock.Now));
        Assert.Equal(0, await Inbox.CountPendingAsync());
        var stats = await new StatsReader(Db).ReadAsync();
        Assert.Equal((0, 0, 1, 1), (stats.InboxPending, stats.InboxDone, stats.InboxRejected, stats.InboxFailed));
    }
}
