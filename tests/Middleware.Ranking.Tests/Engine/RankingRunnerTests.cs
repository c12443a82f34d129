using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Middleware.Ranking.Builtin;
using Middleware.Ranking.Engine;

namespace Middleware.Ranking.Tests.Engine;

public sealed class RankingRunnerTests
{
    private static readonly IReadOnlyList<Candidate> Posts =
        [Candidates.Post("old", 5, favourites: 9), Candidates.Post("new", 1), Candidates.Post("mid", 3, boosts: 1)];

    private static RankingRunner Runner(params IRanker[] extra) => new(
        new RankerCatalog([RankerEntry.BuiltIn(new ChronologicalRanker()), .. extra.Select(RankerEntry.BuiltIn)]),
        Options.Create(new RankingOptions { TimeBudget = TimeSpan.FromMilliseconds(300) }),
        NullLogger<RankingRunner>.Instance);

    [Fact]
    public async Task A_working_ranker_is_used_and_its_result_limited()
    {
        var outcome = await Runner(new EngagementRanker()).RunAsync("engagement", Candidates.Request(Posts, limit: 2));

        Assert.Equal("engagement", outcome.Ranker);
        Assert.Null(outcome.FallbackReason);
        Assert.Equal(["https://example.social/posts/old", "https://example.social/posts/mid"], outcome.Result.Items.Select(i => i.PostUri));
    }

    [Fact]
    public async Task An_unknown_ranker_falls_back_to_chronological_and_says_so()
    {
        var outcome = await Runner().RunAsync("nope", Candidates.Request(Posts));

        Assert.Equal("chronological", outcome.Ranker);
        Assert.Contains("no ranker 'nope'", outcome.FallbackReason);
        Assert.Equal("https://example.social/posts/new", outcome.Result.Items[0].PostUri);
        Assert.All(outcome.Result.Items, i => Assert.Equal(outcome.FallbackReason, i.Explanation.Fallback));
        Assert.NotNull(outcome.Result.Notice);
    }

    [Fact]
    public async Task A_throwing_ranker_falls_back()
    {
        var outcome = await Runner(new Fake("boom", _ => throw new InvalidOperationException("bad state"))).RunAsync("boom", Candidates.Request(Posts));

        Assert.Equal("chronological", outcome.Ranker);
        Assert.Contains("bad state", outcome.FallbackReason);
    }

    [Fact]
    public async Task A_ranker_that_ignores_cancellation_and_spins_is_abandoned_after_its_budget()
    {
        var spinning = new Fake("spin", _ =>
        {
            var until = DateTime.UtcNow.AddSeconds(3);
            while (DateTime.UtcNow < until) { }
            return new RankingResult([]);
        });

        var outcome = await Runner(spinning).RunAsync("spin", Candidates.Request(Posts));

        Assert.Equal("chronological", outcome.Ranker);
        Assert.Contains("time budget", outcome.FallbackReason);
    }

    [Fact]
    public async Task A_ranker_returning_posts_that_were_not_candidates_falls_back()
    {
        var liar = new Fake("liar", _ => new RankingResult([new RankedItem("https://elsewhere/1", 1, new Explanation("liar", "", []))]));

        var outcome = await Runner(liar).RunAsync("liar", Candidates.Request(Posts));

        Assert.Contains("was not a candidate", outcome.FallbackReason);
    }

    [Fact]
    public async Task A_ranker_returning_a_post_twice_falls_back()
    {
        var uri = Posts[0].PostUri;
        var twice = new Fake("twice", _ => new RankingResult([new RankedItem(uri, 1, new Explanation("twice", "", [])), new RankedItem(uri, 0, new Explanation("twice", "", []))]));

        var outcome = await Runner(twice).RunAsync("twice", Candidates.Request(Posts));

        Assert.Contains("appears twice", outcome.FallbackReason);
    }

    [Fact]
    public async Task Invalid_parameters_are_the_callers_error_not_a_fallback()
    {
        var parameters = RankerParameters.FromJson(System.Text.Json.JsonDocument.Parse("""{"halfLifeHours":"six"}""").RootElement);

        var error = await Assert.ThrowsAsync<RankerParameterException>(() =>
            Runner(new EngagementRanker()).RunAsync("engagement", Candidates.Request(Posts, parameters: parameters)));

        Assert.Equal("halfLifeHours", error.Field);
    }

    private sealed class Fake(string id, Func<RankingRequest, RankingResult> rank) : IRanker
    {
        public RankerMetadata Metadata { get; } = new() { Id = id, Version = "0", Description = id, MainParameters = id };

        public ValueTask<RankingResult> RankAsync(RankingRequest request, CancellationToken cancellationToken) =>
            ValueTask.FromResult(rank(request));
    }
}
