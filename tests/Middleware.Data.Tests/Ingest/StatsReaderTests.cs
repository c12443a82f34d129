using Middleware.Core.Actors;
using Middleware.Core.Delivery;
using Middleware.Core.Inbox;
using Middleware.Core.Ingest;
using Middleware.Core.Sources;
using Middleware.Data.Actors;
using Middleware.Data.Delivery;
using Middleware.Data.Ingest;
using Middleware.Data.Sources;

namespace Middleware.Data.Tests.Ingest;

public sealed class StatsReaderTests : TestDatabase
{
    [Fact]
    public async Task Empty_store_counts_zero()
    {
        Assert.Equal(new StoreStats(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0), await new StatsReader(Db).ReadAsync());
        Assert.Equal(new QueueStats(0, 0), await new StatsReader(Db).ReadQueuesAsync());
    }

    [Fact]
    public async Task Counts_what_is_stored()
    {
        await new RemoteActorStore(Db).UpsertAsync(new RemoteActor { Uri = Samples.Bob, Inbox = $"{Samples.Bob}/inbox", Host = "social.overheid.nl" });
        var sources = new SourceStore(Db, Clock);
        await sources.AddAsync(new Source { Type = SourceType.Account, Target = Samples.Bob, State = SourceState.Following });
        await sources.AddAsync(new Source { Type = SourceType.Relay, Target = "https://relay.example/actor", State = SourceState.Pending });
        var post = Samples.Post("1");
        await Writer.ApplyAsync(
        [
            new UpsertPost(post),
            new AddInteraction(Samples.Boost(post, Samples.Bob)),
            new AddFollower(Samples.Follower(Samples.Carol)),
        ], null);
        var queue = new DeliveryQueue(Db, Clock, Node);
        await queue.EnqueueAsync([new NewDelivery("https://a.example/inbox", "tech", "https://feeds.example/1", "{}"),
            new NewDelivery("https://b.example/inbox", "tech", "https://feeds.example/1", "{}")]);
        await queue.MarkFailedAsync((await new DeliveryClaims(Db, Node).ClaimDueAsync(Clock.Now, Clock.Now.AddSeconds(30), 1))[0].Id, "410 Gone");
        await new Middleware.Data.Inbox.InboxStore(Db, Clock, Node).AppendAsync([Samples.InboxEntry("1", Clock.Now)]);

        var stats = await new StatsReader(Db).ReadAsync();

        Assert.Equal(new StoreStats(Actors: 1, Posts: 1, Interactions: 1, Follows: 1, Followers: 1, InboxPending: 1,
            InboxDone: 0, InboxRejected: 0, InboxFailed: 0, DeliveriesPending: 1, DeliveriesFailed: 1), stats);
        Assert.Equal(new QueueStats(InboxPending: 1, DeliveriesPending: 1), await new StatsReader(Db).ReadQueuesAsync());
    }

    [Fact]
    public async Task Counts_each_inbox_state_apart()
    {
        var inbox = new Middleware.Data.Inbox.InboxStore(Db, Clock, Node);
        await inbox.AppendAsync([.. Enumerable.Range(1, 7).Select(i => Samples.InboxEntry(i.ToString(System.Globalization.CultureInfo.InvariantCulture), Clock.Now))]);
        // Claimed by this node, which alone may then close them.
        var ids = (await new Middleware.Data.Inbox.InboxClaims(Db, Node).ClaimAsync(10, Clock.Now, Clock.Now.AddSeconds(30)))
            .Select(e => e.Id).ToList();
        // 7 entries: 3 done, 2 rejected, 1 failed, 1 still pending.
        foreach (var (id, state) in ids.Zip(new[] { InboxState.Done, InboxState.Done, InboxState.Done, InboxState.Rejected, InboxState.Rejected, InboxState.Failed }))
            await inbox.CloseAsync(id, state, null);

        var stats = await new StatsReader(Db).ReadAsync();

        Assert.Equal((1L, 3L, 2L, 1L), (stats.InboxPending, stats.InboxDone, stats.InboxRejected, stats.InboxFailed));
        Assert.Equal(1, (await new StatsReader(Db).ReadQueuesAsync()).InboxPending);
    }
}
