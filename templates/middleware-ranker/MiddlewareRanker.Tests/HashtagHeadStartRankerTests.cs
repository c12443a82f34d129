using System.Text.Json;
using Middleware.Ranking;
using MiddlewareRanker;

namespace MiddlewareRanker.Tests;

/// <summary>How to test a ranker: build candidates by hand, call <c>RankAsync</c> directly, check
/// the order and the explanations, and check that plugin.json agrees with the metadata.</summary>
public sealed class HashtagHeadStartRankerTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 26, 12, 0, 0, TimeSpan.Zero);
    private readonly HashtagHeadStartRanker ranker = new();

    private static Candidate Post(string name, double ageHours, params string[] hashtags) => new()
    {
        PostUri = $"https://mastodon.example/posts/{name}",
        Author = "https://mastodon.example/users/someone",
        Instance = "mastodon.example",
        Published = Now.AddHours(-ageHours),
        Hashtags = hashtags,
    };

    private static RankingRequest Request(IReadOnlyList<Candidate> candidates, string? parameters = null, int limit = 10) => new()
    {
        Feed = "test",
        Candidates = candidates,
        Limit = limit,
        Now = Now,
        Parameters = parameters is null ? RankerParameters.Empty : RankerParameters.FromJson(JsonDocument.Parse(parameters).RootElement),
    };

    private async Task<IReadOnlyList<string>> Order(RankingRequest request) =>
        (await ranker.RankAsync(request, CancellationToken.None)).Items.Select(i => i.PostUri.Split('/')[^1]).ToList();

    [Fact]
    public async Task Without_a_hashtag_it_is_newest_first_and_ties_are_broken_by_uri()
    {
        Assert.Equal(["b", "c", "d", "a"], await Order(Request([Post("a", 10), Post("d", 2), Post("b", 1), Post("c", 2)])));
    }

    [Fact]
    public async Task The_chosen_hashtag_gets_its_head_start_and_the_explanation_says_so()
    {
        var candidates = new[] { Post("tagged", 5, "verkiezingen"), Post("plain", 1) };

        var result = await ranker.RankAsync(Request(candidates, """{"hashtag":"#Verkiezingen","bonusHours":6}"""), default);

        Assert.Equal(["tagged", "plain"], result.Items.Select(i => i.PostUri.Split('/')[^1]));
        var explanation = result.Items[0].Explanation;
        Assert.Equal(HashtagHeadStartRanker.Id, explanation.Ranker);
        Assert.Equal("Published 5 hours ago; has #verkiezingen (+6 h).", explanation.Summary);
        Assert.Equal(["hashtag", "ageHours"], explanation.Factors.Select(f => f.Feature));
    }

    [Theory]
    [InlineData("""{"bonusHours":-1}""", "bonusHours")]
    [InlineData("""{"bonusHours":"six"}""", "bonusHours")]
    [InlineData("""{"hashtag":7}""", "hashtag")]
    public async Task A_bad_parameter_is_reported_by_name(string parameters, string field)
    {
        var error = await Assert.ThrowsAsync<RankerParameterException>(() => ranker.RankAsync(Request([Post("a", 1)], parameters), default).AsTask());

        Assert.Equal(field, error.Field);
    }

    [Fact]
    public async Task The_limit_is_kept_and_a_cancelled_ranking_stops()
    {
        Assert.Equal(["b"], await Order(Request([Post("a", 2), Post("b", 1)], limit: 1)));
        await Assert.ThrowsAsync<OperationCanceledException>(() => ranker.RankAsync(Request([Post("a", 1)]), new CancellationToken(canceled: true)).AsTask());
    }

    [Fact]
    public void Plugin_json_agrees_with_the_metadata_and_the_assembly()
    {
        using var manifest = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "plugin.json")));
        var root = manifest.RootElement;

        Assert.Equal(ranker.Metadata.Id, root.GetProperty("id").GetString());
        Assert.Equal(ranker.Metadata.Version, root.GetProperty("version").GetString());
        Assert.Equal(RankingContract.Version, root.GetProperty("contractVersion").GetString());
        Assert.Equal(Path.GetFileName(typeof(HashtagHeadStartRanker).Assembly.Location), root.GetProperty("assembly").GetString());
        Assert.False(ranker.Metadata.UsesProfiling);
    }
}
