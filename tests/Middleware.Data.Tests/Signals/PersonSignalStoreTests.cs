using Middleware.Core.Ingest;
using Middleware.Core.Posts;
using Middleware.Core.Signals;
using Middleware.Data.Signals;

namespace Middleware.Data.Tests.Signals;

public sealed class PersonSignalStoreTests : TestDatabase
{
    private const string Ann = "https://home.example/users/ann";
    private const string Ben = "https://home.example/users/ben";
    private static readonly Post First = Samples.Post("1");
    private static readonly Post Second = Samples.Post("2");

    private PersonSignalStore Store => new(Db);

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await Writer.ApplyAsync([new UpsertPost(First), new UpsertPost(Second)], null);
    }

    private PersonSignal Signal(string person, Post post, SignalEvent e, string feed = "buurt", int minutes = 0) =>
        new(person, post.Uri, e, feed, Clock.Now.AddMinutes(minutes), FeedContext: "ctx", RequestId: "req");

    [Fact]
    public async Task A_batch_is_stored_once_per_person_post_and_event_and_sending_it_again_changes_nothing()
    {
        PersonSignal[] batch =
        [
            Signal(Ann, First, SignalEvent.Seen), Signal(Ann, First, SignalEvent.Like),
            Signal(Ann, First, SignalEvent.Seen, minutes: 1), Signal(Ben, First, SignalEvent.Seen),
        ];

        Assert.Equal(new SignalWriteResult(3, 1), await Store.RecordAsync(batch));
        Assert.Equal(new SignalWriteResult(0, 4), await Store.RecordAsync(batch));

        var ann = await Store.ListAsync(Ann);
        Assert.Equal([SignalEvent.Seen, SignalEvent.Like], ann.Select(s => s.Event).Order());
        // The first time counts: the repeat a minute later left the stored row as it was.
        Assert.All(ann, s => Assert.Equal(Clock.Now, s.At));
        Assert.All(ann, s => Assert.Equal(("buurt", "ctx", "req"), (s.Feed, s.FeedContext, s.RequestId)));
    }

    [Fact]
    public async Task The_same_event_given_in_another_feed_is_a_repeat()
    {
        await Store.RecordAsync([Signal(Ann, First, SignalEvent.RequestLess, "buurt")]);

        Assert.Equal(new SignalWriteResult(0, 1), await Store.RecordAsync([Signal(Ann, First, SignalEvent.RequestLess, "news")]));
    }

    [Fact]
    public async Task A_signal_about_a_post_that_is_not_stored_is_neither_stored_nor_a_repeat()
    {
        var gone = new PersonSignal(Ann, "https://nowhere.example/1", SignalEvent.Seen, "buurt", Clock.Now);

        Assert.Equal(new SignalWriteResult(1, 0), await Store.RecordAsync([gone, Signal(Ann, First, SignalEvent.Seen)]));
        Assert.Single(await Store.ListAsync(Ann));
    }

    [Fact]
    public async Task A_new_vote_replaces_the_earlier_one_in_that_feed_and_the_same_vote_is_no_change()
    {
        Assert.True(await Store.RecordVoteAsync(Signal(Ann, First, SignalEvent.Agree)));
        Assert.False(await Store.RecordVoteAsync(Signal(Ann, First, SignalEvent.Agree, minutes: 1)));
        Assert.True(await Store.RecordVoteAsync(Signal(Ann, First, SignalEvent.Disagree, minutes: 2)));
        Assert.True(await Store.RecordVoteAsync(Signal(Ann, First, SignalEvent.Pass, "news")));

        Assert.Equal(SignalEvent.Disagree, Assert.Single(await Store.VotesAsync(Ann, "buurt")).Value);
        Assert.Equal(SignalEvent.Pass, (await Store.VotesAsync(Ann, "news"))[First.Uri]);
        Assert.Empty(await Store.VotesAsync(Ben, "buurt"));
        Assert.Equal(2, (await Store.ListAsync(Ann)).Count);
    }

    [Fact]
    public async Task Votes_in_a_batch_follow_the_vote_rule_and_other_events_stay_beside_them()
    {
        await Store.RecordAsync([Signal(Ann, First, SignalEvent.Seen)]);

        var result = await Store.RecordAsync([Signal(Ann, First, SignalEvent.Agree), Signal(Ann, First, SignalEvent.Disagree), Signal(Ann, First, SignalEvent.Disagree)]);

        Assert.Equal(new SignalWriteResult(2, 1), result);
        Assert.Equal([SignalEvent.Seen, SignalEvent.Disagree], (await Store.ListAsync(Ann)).Select(s => s.Event).Order());
    }

    [Fact]
    public async Task A_vote_on_a_post_that_is_not_stored_changes_nothing_and_a_non_vote_is_refused()
    {
        Assert.False(await Store.RecordVoteAsync(new PersonSignal(Ann, "https://nowhere.example/1", SignalEvent.Agree, "buurt", Clock.Now)));
        await Assert.ThrowsAsync<ArgumentException>(() => Store.RecordVoteAsync(Signal(Ann, First, SignalEvent.Like)));
    }

    [Fact]
    public async Task Known_posts_are_stored_public_or_unlisted_ones()
    {
        await Writer.ApplyAsync(
        [
            new UpsertPost(Samples.Post("unlisted") with { Visibility = Visibility.Unlisted }),
            new UpsertPost(Samples.Post("private") with { Visibility = Visibility.FollowersOnly }),
        ], null);

        var known = await Store.KnownPostsAsync([First.Uri, Samples.Post("unlisted").Uri, Samples.Post("private").Uri, "https://nowhere.example/1"]);

        Assert.Equal([First.Uri, Samples.Post("unlisted").Uri], known.Order());
    }

    [Fact]
    public async Task A_persons_signals_are_listed_newest_first_and_deleted_without_touching_others()
    {
        await Store.RecordAsync([Signal(Ann, First, SignalEvent.Seen), Signal(Ann, Second, SignalEvent.RequestMore, minutes: 5), Signal(Ben, First, SignalEvent.Seen)]);

        Assert.Equal([Second.Uri, First.Uri], (await Store.ListAsync(Ann)).Select(s => s.PostUri));
        Assert.Equal(2, await Store.DeleteAllAsync(Ann));

        Assert.Empty(await Store.ListAsync(Ann));
        Assert.Single(await Store.ListAsync(Ben));
    }

    [Fact]
    public async Task Signals_go_with_their_post_and_with_a_deleted_account()
    {
        await Store.RecordAsync([Signal(Ann, First, SignalEvent.Seen), Signal(Ann, Second, SignalEvent.Seen), Signal(Ben, Second, SignalEvent.Like)]);

        await Writer.ApplyAsync([new DeletePost(First.Uri), new DeleteActor(Ben)], null);

        Assert.Equal([Second.Uri], (await Store.ListAsync(Ann)).Select(s => s.PostUri));
        Assert.Empty(await Store.ListAsync(Ben));
    }
}
