using System.Text.Json;
using Middleware.Plugins.Template;
using Middleware.Ranking;

namespace Template.Tests;

/// <summary>How to test a ranker: build candidates by hand, call <c>RankAsync</c> directly, check
/// the order and the explanations, and check that plugin.json agrees with the metadata.</summary>
public sealed class InstanceAndMediaRankerTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 26, 12, 0, 0, TimeSpan.Zero);
    private readonly InstanceAndMediaRanker ranker = new();

    private static Candidate Post(string name, double ageHours, string instance = "mastodon.example", int media = 0) => new()
    {
        PostUri = $"https://{instance}/posts/{name}",
        Author = $"https://{instance}/users/someone",
        Instance = instance,
        Published = Now.AddHours(-ageHours),
        MediaCount = media,
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
    public async Task Without_media_or_instance_it_is_newest_first()
    {
        Assert.Equal(["b", "c", "a"], await Order(Request([Post("a", 10), Post("b", 1), Post("c", 2)])));
    }

    [Fact]
    public async Task Media_gives_a_head_start_of_six_hours_by_default()
    {
        var candidates = new[] { Post("photo", 5, media: 2), Post("text", 1), Post("old-photo", 8, media: 1) };

        Assert.Equal(["photo", "text", "old-photo"], await Order(Request(candidates)));
    }

    [Fact]
    public async Task The_chosen_instance_gets_its_head_start_and_the_explanation_says_so()
    {
        var candidates = new[] { Post("home", 10, instance: "social.overheid.nl"), Post("away", 1) };

        var result = await ranker.RankAsync(Request(candidates, """{"instance":"Social.Overheid.nl","instanceBonusHours":12}"""), default);

        Assert.Equal("https://social.overheid.nl/posts/home", result.Items[0].PostUri);
        var explanation = result.Items[0].Explanation;
        Assert.Equal(InstanceAndMediaRanker.Id, explanation.Ranker);
        Assert.Equal("Published 10 hours ago; is from social.overheid.nl (+12 h).", explanation.Summary);
        Assert.Equal(["instance", "ageHours"], explanation.Factors.Select(f => f.Feature));
        Assert.Equal(2, result.Items[0].Score, precision: 9); // -10 hours + 12 hours
    }

    [Theory]
    [InlineData(0.5, "Published 30 minutes ago.")]
    [InlineData(1, "Published 1 hour ago.")]
    [InlineData(72, "Published 3 days ago.")]
    public async Task The_summary_gives_the_age_in_words(double ageHours, string summary)
    {
        var result = await ranker.RankAsync(Request([Post("a", ageHours)]), default);

        Assert.Equal(summary, result.Items[0].Explanation.Summary);
    }

    [Fact]
    public async Task The_limit_is_respected_and_ties_are_broken_the_same_way_every_time()
    {
        var candidates = new[] { Post("z", 1), Post("a", 1), Post("m", 1) };

        Assert.Equal(["a", "m"], await Order(Request(candidates, limit: 2)));
        Assert.Equal(["a", "m"], await Order(Request(candidates.Reverse().ToList(), limit: 2)));
    }

    [Theory]
    [InlineData("""{"mediaBonusHours":-1}""", "mediaBonusHours")]
    [InlineData("""{"instanceBonusHours":"lots"}""", "instanceBonusHours")]
    [InlineData("""{"instance":42}""", "instance")]
    public async Task A_bad_parameter_is_reported_by_name(string parameters, string field)
    {
        var error = await Assert.ThrowsAsync<RankerParameterException>(() => ranker.RankAsync(Request([Post("a", 1)], parameters), default).AsTask());

        Assert.Equal(field, error.Field);
    }

    [Fact]
    public async Task A_cancelled_ranking_stops()
    {
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
        Assert.Equal(Path.GetFileName(typeof(InstanceAndMediaRanker).Assembly.Location), root.GetProperty("assembly").GetString());
        Assert.False(ranker.Metadata.UsesProfiling);
        Assert.All(ranker.Metadata.Parameters, p => Assert.False(string.IsNullOrWhiteSpace(p.Description)));
    }
}
