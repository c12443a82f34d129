using Middleware.Core.Ingest;
using Middleware.Core.Ranking;
using Middleware.Data.Ranking;

namespace Middleware.Data.Tests.Ranking;

public sealed class SignalTests : TestDatabase
{
    private const string Viewer = "https://v.example/users/v";
    private static readonly Middleware.Core.Posts.Post Post = Samples.Post("1");

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await Writer.ApplyAsync([new UpsertPost(Post), new AddInteraction(Samples.Boost(Post, Samples.Bob)), new AddInteraction(Samples.Like(Post, Samples.Carol))], null);
    }

    private async Task<List<RatingSignal>> ReadAllAsync()
    {
        var list = new List<RatingSignal>();
        await foreach (var signal in new RatingSource(Db).ReadAsync(DateTimeOffset.UnixEpoch))
            list.Add(signal);
        return list;
    }

    [Fact]
    public async Task Ratings_are_boosts_favourites_disagreements_and_impressions_not_replies()
    {
        await Writer.ApplyAsync([new AddInteraction(new("https://x.example/r/1", Middleware.Core.Posts.InteractionKind.Reply, Samples.Alice, Post.Uri, Samples.Published))], null);
        var signals = new SignalRecorder(Db);
        await signals.RecordImpressionsAsync(Viewer, "buurt", [Post.Uri], Clock.Now);
        Assert.True(await signals.RecordDisagreementAsync(Viewer, Post.Uri, Clock.Now));

        var ratings = await ReadAllAsync();

        Assert.Equal(
            [(Samples.Carol, RatingKind.Favourite), (Samples.Bob, RatingKind.Boost), (Viewer, RatingKind.Disagree), (Viewer, RatingKind.Seen)],
            ratings.Select(r => (r.Rater, r.Kind)).OrderBy(r => r.Kind).ThenBy(r => r.Rater));
        Assert.All(ratings, r => Assert.Equal(Post.Uri, r.Post));
    }

    [Fact]
    public async Task Ratings_older_than_the_lookback_are_left_out()
    {
        var ratings = new List<RatingSignal>();
        await foreach (var r in new RatingSource(Db).ReadAsync(Samples.Published.AddMinutes(6)))
            ratings.Add(r);

        Assert.Equal([Samples.Carol], ratings.Select(r => r.Rater)); // the like at +6 min, not the boost at +5
    }

    [Fact]
    public async Task A_disagreement_said_twice_counts_once_and_one_about_an_unknown_post_is_refused()
    {
        var signals = new SignalRecorder(Db);

        Assert.True(await signals.RecordDisagreementAsync(Viewer, Post.Uri, Clock.Now));
        Assert.True(await signals.RecordDisagreementAsync(Viewer, Post.Uri, Clock.Now.AddMinutes(1)));
        Assert.False(await signals.RecordDisagreementAsync(Viewer, "https://nowhere.example/1", Clock.Now));

        Assert.Single(await ReadAllAsync(), r => r.Kind == RatingKind.Disagree);
    }

    [Fact]
    public async Task Impressions_count_repeats_and_skip_posts_that_are_not_stored()
    {
        var signals = new SignalRecorder(Db);

        await signals.RecordImpressionsAsync(Viewer, "buurt", [Post.Uri, "https://gone.example/1"], Clock.Now);
        await signals.RecordImpressionsAsync(Viewer, "buurt", [Post.Uri], Clock.Now.AddMinutes(1));

        var seen = Assert.Single(await ReadAllAsync(), r => r.Kind == RatingKind.Seen);
        Assert.Equal(Clock.Now.AddMinutes(1), seen.At);
        var candidate = Assert.Single(await new CandidateStore(Db).GetAsync(new CandidateQuery(DateTimeOffset.UnixEpoch, 10)));
        Assert.Equal(2, candidate.Impressions);
    }
}
