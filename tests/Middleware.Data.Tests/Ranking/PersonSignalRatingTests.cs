using Dapper;
using Middleware.Core.Ingest;
using Middleware.Core.Ranking;
using Middleware.Core.Signals;
using Middleware.Data.Ranking;
using Middleware.Data.Signals;

namespace Middleware.Data.Tests.Ranking;

/// <summary>What people give through the service reaches the bridging model and the candidate features.</summary>
public sealed class PersonSignalRatingTests : TestDatabase
{
    private const string Ann = "https://home.example/users/ann";
    private static readonly Middleware.Core.Posts.Post Post = Samples.Post("1");

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await Writer.ApplyAsync([new UpsertPost(Post)], null);
    }

    private Task Give(string person, params SignalEvent[] events) =>
        new PersonSignalStore(Db).RecordAsync(events.Select(e => new PersonSignal(person, Post.Uri, e, "buurt", Clock.Now)).ToList());

    private async Task<List<(string Rater, RatingKind Kind)>> RatingsAsync(DateTimeOffset? since = null)
    {
        var list = new List<(string, RatingKind)>();
        await foreach (var signal in new RatingSource(Db).ReadAsync(since ?? DateTimeOffset.UnixEpoch))
            list.Add((signal.Rater, signal.Kind));
        return list.Order().ToList();
    }

    [Theory]
    [InlineData(SignalEvent.RequestMore, RatingKind.Favourite)]
    [InlineData(SignalEvent.Like, RatingKind.Favourite)]
    [InlineData(SignalEvent.Boost, RatingKind.Favourite)]
    [InlineData(SignalEvent.Agree, RatingKind.Favourite)]
    [InlineData(SignalEvent.RequestLess, RatingKind.Disagree)]
    [InlineData(SignalEvent.Disagree, RatingKind.Disagree)]
    [InlineData(SignalEvent.Seen, RatingKind.Seen)]
    [InlineData(SignalEvent.Clickthrough, RatingKind.Seen)]
    [InlineData(SignalEvent.Pass, RatingKind.Seen)]
    public async Task Each_event_is_read_as_its_rating_kind(SignalEvent given, RatingKind read)
    {
        await Give(Ann, given);

        Assert.Equal([(Ann, read)], await RatingsAsync());
    }

    [Fact]
    public async Task A_reply_is_not_a_rating()
    {
        await Give(Ann, SignalEvent.Reply);

        Assert.Empty(await RatingsAsync());
    }

    [Fact]
    public async Task Signals_older_than_the_lookback_are_left_out()
    {
        await Give(Ann, SignalEvent.RequestMore);

        Assert.Empty(await RatingsAsync(since: Clock.Now.AddSeconds(1)));
    }

    [Fact]
    public async Task Everything_a_person_said_is_read_whoever_told_us_each_as_its_kind()
    {
        await Writer.ApplyAsync([new AddInteraction(Samples.Like(Post, Ann))], null);
        await new SignalRecorder(Db).RecordImpressionsAsync(Ann, "buurt", [Post.Uri], Clock.Now);
        await new SignalRecorder(Db).RecordDisagreementAsync(Ann, Post.Uri, Clock.Now);

        await Give(Ann, SignalEvent.Like, SignalEvent.RequestMore, SignalEvent.Seen, SignalEvent.Clickthrough, SignalEvent.RequestLess);
        await Give(Samples.Bob, SignalEvent.Seen, SignalEvent.Clickthrough, SignalEvent.Boost, SignalEvent.RequestMore);

        // Repeats are left for the model, which collapses each (rater, post) into one rating.
        Assert.Equal(
            [(Ann, RatingKind.Favourite), (Ann, RatingKind.Disagree), (Ann, RatingKind.Seen),
             (Samples.Bob, RatingKind.Favourite), (Samples.Bob, RatingKind.Seen)],
            (await RatingsAsync()).Distinct());
        Assert.Equal(12, (await RatingsAsync()).Count);
    }

    [Fact]
    public async Task Candidates_count_disagreements_impressions_and_engagers_but_not_favourites()
    {
        await Writer.ApplyAsync([new AddInteraction(Samples.Like(Post, Samples.Carol))], null);
        await new SignalRecorder(Db).RecordImpressionsAsync(Samples.Bob, "buurt", [Post.Uri], Clock.Now);
        await Give(Ann, SignalEvent.Like, SignalEvent.Boost, SignalEvent.RequestMore, SignalEvent.Seen);
        await Give(Samples.Bob, SignalEvent.Seen, SignalEvent.RequestLess, SignalEvent.Disagree);
        await Give(Samples.Carol, SignalEvent.Like, SignalEvent.Reply);
        await Give(Samples.Alice, SignalEvent.Clickthrough, SignalEvent.Reply);

        var candidate = Assert.Single(await new CandidateStore(Db).GetAsync(new CandidateQuery(DateTimeOffset.UnixEpoch, 10)));

        // The network's counts only: Carol's federated favourite.
        Assert.Equal((0, 1, 0), (candidate.Boosts, candidate.Favourites, candidate.Replies));
        // Ann (like, boost, show more), Carol (favourite and like) and Alice (reply), each once.
        Assert.Equal(3, candidate.DistinctEngagers);
        // Bob once, for two ways of saying it.
        Assert.Equal(1, candidate.Disagreements);
        // Bob's served impression and Ann's "seen"; Bob's own "seen" is the impression already counted.
        Assert.Equal(2, candidate.Impressions);
    }

    [SqliteOnlyFact]
    public async Task Signals_given_through_the_service_are_read_through_their_time_index()
    {
        await using var connection = await SqliteDb.OpenAsync();
        var steps = await connection.QueryAsync<(long Id, long Parent, long NotUsed, string Detail)>(
            "EXPLAIN QUERY PLAN " + RatingSource.Select, new { Since = 0L, Until = long.MaxValue });
        var plan = string.Join("\n", steps.Select(s => s.Detail));

        Assert.Contains("USING INDEX ix_person_signals_at", plan);
    }
}
