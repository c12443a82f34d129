using System.Data.Common;
using Dapper;
using Middleware.Core.Delivery;
using Middleware.Core.Follows;
using Middleware.Core.Inbox;
using Middleware.Core.Ingest;
using Middleware.Core.Sources;
using Middleware.Data.Delivery;
using Middleware.Data.Follows;
using Middleware.Data.Inbox;
using Middleware.Data.Ingest;
using Middleware.Data.Posts;
using Middleware.Data.Sources;

namespace Middleware.Data.Tests.Ingest;

public sealed class ChangeWriterTests : TestDatabase
{

    private InboxStore Inbox => new(Db, Clock, Node);

    /// <summary>Appends an entry and claims it for this test's node, as the worker would.</summary>
    private async Task<long> AppendOneAsync()
    {
        await Inbox.AppendAsync([Samples.InboxEntry("1", Clock.Now)]);
        return (await new InboxClaims(Db, Node).ClaimAsync(1, Clock.Now, Clock.Now.AddSeconds(30))).Single().Id;
    }

    [Fact]
    public async Task Changes_and_inbox_completion_commit_together()
    {
        var id = await AppendOneAsync();

        await Writer.ApplyAsync([new UpsertPost(Samples.Post("1"))], id);

        Assert.NotNull(await new PostStore(Db).FindAsync(Samples.Post("1").Uri));
        Assert.Empty(await Inbox.TakePendingAsync(10, Clock.Now));
        Assert.Equal(1, (await new StatsReader(Db).ReadAsync()).InboxDone);
    }

    [Fact]
    public async Task A_failing_change_leaves_nothing_applied_and_the_entry_pending()
    {
        var id = await AppendOneAsync();
        var broken = new Follower("tech", Samples.Bob, Inbox: null!, null, $"{Samples.Bob}#follows/1", Clock.Now);

        await Assert.ThrowsAnyAsync<DbException>(() => Writer.ApplyAsync(
            [new UpsertPost(Samples.Post("1")), new AddFollower(Samples.Follower(Samples.Carol)), new AddFollower(broken)], id));

        Assert.Null(await new PostStore(Db).FindAsync(Samples.Post("1").Uri));
        Assert.Equal(0, await new FollowerStore(Db).CountAsync("tech"));
        var pending = Assert.Single(await Inbox.TakePendingAsync(10, Clock.Now));
        Assert.Equal(InboxState.Pending, pending.State);
    }

    [Fact]
    public async Task Cancellation_inside_the_transaction_leaves_nothing_applied()
    {
        var id = await AppendOneAsync();
        using var cts = new CancellationTokenSource();
        // The writer reads the clock once its transaction has begun: cancel right there.
        await using var writer = new ChangeWriter(Db, new CancellingClock(cts, Clock.Now), Node);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            () => writer.ApplyAsync([new UpsertPost(Samples.Post("1")), new UpsertPost(Samples.Post("2"))], id, cts.Token));

        Assert.Null(await new PostStore(Db).FindAsync(Samples.Post("1").Uri));
        Assert.Single(await Inbox.TakePendingAsync(10, Clock.Now));
    }

    private sealed class CancellingClock(CancellationTokenSource cts, DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow()
        {
            cts.Cancel();
            return now;
        }
    }

    [Fact]
    public async Task A_failed_apply_does_not_affect_the_next_one()
    {
        var broken = new Follower("tech", Samples.Bob, Inbox: null!, null, $"{Samples.Bob}#follows/1", Clock.Now);
        await Assert.ThrowsAnyAsync<DbException>(() => Writer.ApplyAsync([new AddFollower(broken)], null));

        await Writer.ApplyAsync([new UpsertPost(Samples.Post("1")), new AddFollower(Samples.Follower(Samples.Bob))], null);

        var stats = await new StatsReader(Db).ReadAsync();
        Assert.Equal((1, 1), (stats.Posts, stats.Followers));
    }

    [Fact]
    public async Task Concurrent_applies_all_land()
    {
        var entries = Enumerable.Range(1, 200).Select(i => Samples.InboxEntry(i.ToString(), Clock.Now)).ToList();
        await Inbox.AppendAsync(entries);
        // All of one actor, all claimed at once: only another node's claims hold an actor's later entries back.
        var pending = await new InboxClaims(Db, Node).ClaimAsync(200, Clock.Now, Clock.Now.AddSeconds(30));
        Assert.Equal(200, pending.Count);

        await Parallel.ForEachAsync(pending, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (entry, ct) =>
        {
            var post = Samples.Post(entry.Id.ToString(), Samples.Alice, "tag");
            await Writer.ApplyAsync([new UpsertPost(post), new AddInteraction(Samples.Like(post, Samples.Bob, entry.Id.ToString()))], entry.Id, ct);
        });

        var stats = await new StatsReader(Db).ReadAsync();
        Assert.Equal((200, 200, 200, 0), (stats.Posts, stats.Interactions, stats.InboxDone, stats.InboxPending));
    }

    [Fact]
    public async Task An_entry_already_done_is_not_applied_twice()
    {
        var id = await AppendOneAsync();
        var post = Samples.Post("1");
        await Writer.ApplyAsync([new UpsertPost(post)], id);

        await Writer.ApplyAsync([new DeletePost(post.Uri)], id);

        Assert.NotNull(await new PostStore(Db).FindAsync(post.Uri));
        Assert.False(await new PostStore(Db).IsTombstonedAsync(post.Uri));
    }

    [Fact]
    public async Task A_batch_of_completions_marks_each_entry_with_its_own_state_and_note()
    {
        await Inbox.AppendAsync(
            [Samples.InboxEntry("1", Clock.Now), Samples.InboxEntry("2", Clock.Now), Samples.InboxEntry("3", Clock.Now)]);
        var ids = (await new InboxClaims(Db, Node).ClaimAsync(10, Clock.Now, Clock.Now.AddSeconds(30))).Select(e => e.Id).ToList();
        var post = Samples.Post("1", Samples.Alice, "one", "Two");

        var applied = await Writer.CompleteAsync(
        [
            new ProcessedEntry(ids[0], InboxState.Done, [new UpsertPost(post)], null),
            new ProcessedEntry(ids[1], InboxState.Rejected, [new UpsertPost(Samples.Post("2"))], "The object lives on another host."),
            new ProcessedEntry(ids[2], InboxState.Failed, [], "Gave up after 8 attempts."),
        ]);

        Assert.Equal([true, true, true], applied);
        await using var connection = await Db.OpenAsync();
        var marks = (await connection.QueryAsync<(long, string, string?)>("SELECT id, state, note FROM inbox ORDER BY id")).ToList();
        Assert.Equal(
            new (long, string, string?)[]
            {
                (ids[0], "done", null),
                (ids[1], "rejected", "The object lives on another host."),
                (ids[2], "failed", "Gave up after 8 attempts."),
            },
            marks);
        var stored = await new PostStore(Db).FindAsync(post.Uri);
        Assert.Equal(["one", "two"], stored!.Post.Hashtags);
        Assert.Equal([Samples.Bob], stored.Post.Mentions);
        // A refused entry's changes are never applied.
        Assert.Null(await new PostStore(Db).FindAsync(Samples.Post("2").Uri));
    }

    [Fact]
    public async Task A_change_failing_in_the_deferred_batch_leaves_nothing_applied_and_the_entry_pending()
    {
        var id = await AppendOneAsync();
        var post = Samples.Post("1");
        // Nothing reads an interaction's outcome, so it is sent with the commit's other deferred
        // statements (on PostgreSQL the post's upsert too): the failure comes at the end, and still
        // takes everything back.
        var broken = new Middleware.Core.Posts.Interaction($"{Samples.Bob}#likes/1", Middleware.Core.Posts.InteractionKind.Favourite, null!, post.Uri, Clock.Now);

        await Assert.ThrowsAnyAsync<DbException>(() => Writer.ApplyAsync([new UpsertPost(post), new AddInteraction(broken)], id));

        Assert.Null(await new PostStore(Db).FindAsync(post.Uri));
        Assert.Equal(InboxState.Pending, Assert.Single(await Inbox.TakePendingAsync(10, Clock.Now)).State);
    }

    [Fact]
    public async Task Deferred_and_immediate_changes_apply_in_the_order_given()
    {
        var post = Samples.Post("1");
        var other = Samples.Post("2");
        var source = await new SourceStore(Db, Clock).AddAsync(new Source { Type = SourceType.Account, Target = Samples.Bob });

        await Writer.ApplyAsync(
        [
            // A like before its post is stored does not count; a boost after it does.
            new AddInteraction(Samples.Like(post, Samples.Bob)),
            new UpsertPost(post),
            new AddInteraction(Samples.Boost(post, Samples.Carol)),
            // A deletion sees the post and the boost written before it.
            new UpsertPost(other),
            new AddInteraction(Samples.Boost(other, Samples.Carol, "b2")),
            new DeletePost(other.Uri),
            new SetSourceState(source.Id, SourceState.Following, null),
            new AddInteraction(Samples.Like(post, Samples.Carol, "l2")),
        ], null);

        var view = (await new PostStore(Db).FindAsync(post.Uri))!;
        Assert.Equal((1, 1), (view.BoostCount, view.FavouriteCount));
        Assert.Null(await new PostStore(Db).FindAsync(other.Uri));
        Assert.True(await new PostStore(Db).IsTombstonedAsync(other.Uri));
        var stats = await new StatsReader(Db).ReadAsync();
        Assert.Equal((1, 2), (stats.Posts, stats.Interactions));
        Assert.Equal(SourceState.Following, (await new SourceStore(Db, Clock).FindAsync(source.Id))!.State);
    }

    [Fact]
    public async Task Source_state_and_deliveries_are_written_in_the_same_transaction()
    {
        var source = await new SourceStore(Db, Clock).AddAsync(new Source { Type = SourceType.Account, Target = Samples.Bob });
        var delivery = new NewDelivery($"https://social.overheid.nl/inbox", "tech", "https://feeds.example/activities/1", "{}");

        await Writer.ApplyAsync(
            [new SetSourceState(source.Id, SourceState.Following, null), new EnqueueDeliveries([delivery, delivery])], null);

        Assert.Equal(SourceState.Following, (await new SourceStore(Db, Clock).FindAsync(source.Id))!.State);
        Assert.Equal(1, (await new DeliveryQueue(Db, Clock, Node).CountAsync()).Pending);
        var stats = await new StatsReader(Db).ReadAsync();
        Assert.Equal((1, 1), (stats.Follows, stats.DeliveriesPending));
    }

    [PostgresOnlyFact]
    public async Task On_PostgreSQL_a_commit_whose_claims_all_hold_marks_its_entries_once()
    {
        const int commits = 12;
        await Inbox.AppendAsync([.. Enumerable.Range(1, commits * 2).Select(i => Samples.InboxEntry($"{i}", Clock.Now))]);
        var ids = (await new InboxClaims(Db, Node).ClaimAsync(commits * 2, Clock.Now, Clock.Now.AddSeconds(30))).Select(e => e.Id).ToList();

        for (var i = 0; i < commits; i++)
        {
            var applied = await Writer.CompleteAsync(
            [
                new ProcessedEntry(ids[2 * i], InboxState.Done, [new UpsertPost(Samples.Post($"{2 * i}"))], null),
                new ProcessedEntry(ids[2 * i + 1], InboxState.Done, [new UpsertPost(Samples.Post($"{2 * i + 1}"))], null),
            ]);
            Assert.Equal([true, true], applied);
        }

        // The marks went out with the changes and their count said every claim held (ADR 0047): no
        // commit fell back to marking first, which would run the marks a second time. (Npgsql prepares
        // a statement at its fifth use; only prepared runs are counted.)
        var runs = await Writer.KeptConnection!.ExecuteScalarAsync<long>(
            "SELECT COALESCE(SUM(generic_plans + custom_plans), 0) FROM pg_prepared_statements WHERE statement LIKE 'UPDATE inbox SET state = v.state%'");
        Assert.InRange(runs, commits - 5, commits - 4);
        Assert.Equal(commits * 2, (await new StatsReader(Db).ReadAsync()).Posts);
    }
}
