using Middleware.Core.Ingest;
using Middleware.Core.Posts;
using Middleware.Core.Signals;
using Middleware.Data.Accounts;
using Middleware.Data.Ranking;
using Middleware.Data.Signals;

namespace Middleware.Data.Tests.Signals;

/// <summary>Everything recorded about one person, across its tables; nobody else's rows, and never
/// the network's own interactions (their public favourites and boosts).</summary>
public sealed class PersonDataStoreTests : TestDatabase
{
    private const string Ann = "https://home.example/users/ann";
    private const string Ben = "https://home.example/users/ben";
    private static readonly Post Post = Samples.Post("1");

    private PersonDataStore Store => new(Db);

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await Writer.ApplyAsync([new UpsertPost(Post), new AddInteraction(Samples.Like(Post, Ann))], null);
        var recorder = new SignalRecorder(Db);
        foreach (var person in new[] { Ann, Ben })
        {
            await new PersonSignalStore(Db).RecordAsync([new PersonSignal(person, Post.Uri, SignalEvent.RequestMore, "buurt", Clock.Now, "ctx", "req")]);
            await recorder.RecordImpressionsAsync(person, "buurt", [Post.Uri], Clock.Now);
            await recorder.RecordDisagreementAsync(person, Post.Uri, Clock.Now);
            await new AccountFollowStore(Db).ReplaceAsync(person, [Samples.Alice, Samples.Bob], Clock.Now);
        }
    }

    [Fact]
    public async Task Everything_recorded_about_the_person_is_read_and_nothing_about_others()
    {
        var data = await Store.ReadAsync(Ann);

        var signal = Assert.Single(data.Signals);
        Assert.Equal((Ann, SignalEvent.RequestMore, "ctx", "req"), (signal.Person, signal.Event, signal.FeedContext, signal.RequestId));
        var impression = Assert.Single(data.Impressions);
        Assert.Equal((Post.Uri, "buurt", 1), (impression.PostUri, impression.Feed, impression.Times));
        Assert.Equal(Post.Uri, Assert.Single(data.ShowLess).PostUri);
        Assert.Equal([Samples.Bob, Samples.Alice], data.Follows.Select(f => f.AccountUri).OrderDescending());
        Assert.Equal(Clock.Now, data.FollowsReadAt);
    }

    [Fact]
    public async Task Deleting_removes_all_of_it_for_that_person_only_and_keeps_their_public_favourite()
    {
        var deleted = await Store.DeleteAsync(Ann);

        Assert.Equal(new PersonDataDeleted(Signals: 1, Impressions: 1, ShowLess: 1, Follows: 2), deleted);
        var left = await Store.ReadAsync(Ann);
        Assert.Empty(left.Signals);
        Assert.Empty(left.Impressions);
        Assert.Empty(left.ShowLess);
        Assert.Empty(left.Follows);
        Assert.Null(left.FollowsReadAt);
        var ben = await Store.ReadAsync(Ben);
        Assert.Equal((1, 1, 1, 2), (ben.Signals.Count, ben.Impressions.Count, ben.ShowLess.Count, ben.Follows.Count));
        var stats = await new Middleware.Data.Ingest.StatsReader(Db).ReadAsync();
        Assert.Equal(2, stats.Interactions); // Ann's federated favourite and Ben's "show less"
    }

    [Fact]
    public async Task A_person_the_service_knows_nothing_about_has_empty_data_and_deleting_it_is_no_error()
    {
        Assert.Empty((await Store.ReadAsync("https://nobody.example/users/x")).Signals);
        Assert.Equal(new PersonDataDeleted(0, 0, 0, 0), await Store.DeleteAsync("https://nobody.example/users/x"));
    }
}
