using Middleware.Core.Ingest;
using Middleware.Core.Ranking;
using Middleware.Data.Coordination;
using Middleware.Data.Ranking;

namespace Middleware.Data.Tests.Ranking;

/// <summary>The as-of rule in the stores (ADR 0029): only what happened before the moment is read.</summary>
public sealed class AsOfReadTests : TestDatabase
{
    private const string Viewer = "https://v.example/users/v";
    // Long enough for a text fingerprint (the coordination guard's text evidence).
    private static readonly Middleware.Core.Posts.Post Post = Samples.Post("1") with { ContentText = "The council meets on Tuesday to decide on the new cycle lanes along the river" };

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        // The boost is at +5 min, the like at +6 min (Samples).
        await Writer.ApplyAsync([new UpsertPost(Post), new AddInteraction(Samples.Boost(Post, Samples.Bob)), new AddInteraction(Samples.Like(Post, Samples.Carol))], null);
    }

    [Fact]
    public async Task Signals_after_the_moment_are_not_read_and_a_later_serving_counts_as_the_first()
    {
        var signals = new SignalRecorder(Db);
        await signals.RecordImpressionsAsync(Viewer, "buurt", [Post.Uri], Samples.Published.AddMinutes(1));
        await signals.RecordImpressionsAsync(Viewer, "buurt", [Post.Uri], Samples.Published.AddMinutes(9));
        await signals.RecordImpressionsAsync(Viewer, "buurt", [Post.Uri], Samples.Published.AddMinutes(10));
        var asOf = Samples.Published.AddMinutes(5.5);

        var ratings = new List<RatingSignal>();
        await foreach (var r in new AsOfSources(Db).Ratings(asOf).ReadAsync(DateTimeOffset.UnixEpoch))
            ratings.Add(r);
        var candidate = Assert.Single(await new CandidateStore(Db).GetAsync(new CandidateQuery(DateTimeOffset.UnixEpoch, 10, AsOf: asOf)));
        var now = Assert.Single(await new CandidateStore(Db).GetAsync(new CandidateQuery(DateTimeOffset.UnixEpoch, 10)));

        Assert.Equal([(Samples.Bob, RatingKind.Boost), (Viewer, RatingKind.Seen)], ratings.Select(r => (r.Rater, r.Kind)).OrderBy(r => r.Kind));
        Assert.Equal(Samples.Published.AddMinutes(1), ratings.Single(r => r.Kind == RatingKind.Seen).At);
        Assert.Equal((1, 0, 1), (candidate.Boosts, candidate.Favourites, candidate.Impressions));
        Assert.Equal((1, 1, 3), (now.Boosts, now.Favourites, now.Impressions));
    }

    [Fact]
    public async Task Posts_published_at_or_after_the_moment_are_not_candidates_nor_text_evidence()
    {
        Assert.Empty(await new CandidateStore(Db).GetAsync(new CandidateQuery(DateTimeOffset.UnixEpoch, 10, AsOf: Post.Published)));
        Assert.Empty((await new AccountEvidenceSource(Db, Post.Published).ReadAsync(DateTimeOffset.UnixEpoch)).Texts);
        Assert.Single(await new CandidateStore(Db).GetAsync(new CandidateQuery(DateTimeOffset.UnixEpoch, 10, AsOf: Post.Published.AddMilliseconds(1))));
        Assert.NotEmpty((await new AccountEvidenceSource(Db, Post.Published.AddMilliseconds(1)).ReadAsync(DateTimeOffset.UnixEpoch)).Texts);
    }
}
