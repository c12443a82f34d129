namespace Middleware.Ranking.Tests.Recipes;

public sealed class RecipeFilterTests
{
    // Newest first within a filter-only recipe, so each expected list is in age order.
    private static readonly IReadOnlyList<Candidate> Posts =
    [
        Candidates.Post("nl", 1) with { Language = "nl" },
        Candidates.Post("nl-be", 2) with { Language = "nl-BE" },
        Candidates.Post("en", 3) with { Language = "en" },
        Candidates.Post("unknown-language", 4),
        Candidates.Post("nld", 4.5) with { Language = "nld" },
        Candidates.Post("tagged", 5) with { Hashtags = ["klimaat", "energie"] },
        Candidates.Post("crypto-text", 6) with { Text = "Buy CRYPTO now!" },
        Candidates.Post("crypto-cw", 7) with { ContentWarning = "crypto, sorry" },
        Candidates.Post("cryptography", 8) with { Text = "A talk on cryptography." },
        Candidates.Post("overheid", 9) with { Instance = "social.overheid.nl" },
        Candidates.Post("overheid-sub", 10) with { Instance = "media.social.overheid.nl" },
        Candidates.Post("spam", 11) with { Instance = "spam.example" },
        Candidates.Post("spam-sub", 12) with { Instance = "a.spam.example" },
        Candidates.Post("notspam", 13) with { Instance = "notspam.example" },
        Candidates.Post("media", 14) with { MediaCount = 2 },
        Candidates.Post("reply", 15) with { IsReply = true },
        Candidates.Post("old", 100),
    ];

    private static readonly string[] All = Candidates.Ids(Posts.Select(p => new RankedItem(p.PostUri, 0, new Explanation("", "", []))));

    [Theory]
    [InlineData("""{"languages":["nl"]}""", "nl,nl-be")]
    [InlineData("""{"languages":["NL","en"]}""", "nl,nl-be,en")]
    [InlineData("""{"languages":["nl-BE"]}""", "nl-be")]
    [InlineData("""{"hashtags":["#Klimaat"]}""", "tagged")]
    [InlineData("""{"hashtags":["energie","other"]}""", "tagged")]
    [InlineData("""{"includeInstances":["social.overheid.nl"]}""", "overheid,overheid-sub")]
    [InlineData("""{"mediaOnly":true}""", "media")]
    public async Task A_keeping_filter_keeps_only_the_matching_posts(string filters, string expected)
    {
        var ids = await new RecipeHost().IdsAsync($$"""{"filters":{{filters}}}""", Posts, limit: 100);

        Assert.Equal(expected.Split(','), ids);
    }

    [Theory]
    [InlineData("""{"excludeKeywords":["crypto"]}""", "crypto-text,crypto-cw")]
    [InlineData("""{"excludeKeywords":["BUY crypto"]}""", "crypto-text")]
    [InlineData("""{"excludeInstances":["spam.example"]}""", "spam,spam-sub")]
    [InlineData("""{"noReplies":true}""", "reply")]
    [InlineData("""{"maxAgeHours":48}""", "old")]
    [InlineData("""{"mediaOnly":false,"noReplies":false}""", "")]
    public async Task A_dropping_filter_drops_exactly_the_matching_posts(string filters, string dropped)
    {
        var ids = await new RecipeHost().IdsAsync($$"""{"filters":{{filters}}}""", Posts, limit: 100);

        Assert.Equal(All.Except(dropped.Split(',', StringSplitOptions.RemoveEmptyEntries)), ids);
    }

    [Fact]
    public async Task Filters_combine_so_a_post_must_pass_all_of_them()
    {
        var posts = new[]
        {
            Candidates.Post("dutch-reply", 1) with { Language = "nl", IsReply = true },
            Candidates.Post("dutch", 2) with { Language = "nl" },
            Candidates.Post("english", 3) with { Language = "en" },
        };

        var ids = await new RecipeHost().IdsAsync("""{"filters":{"languages":["nl"],"noReplies":true}}""", posts);

        Assert.Equal(["dutch"], ids);
    }

    [Fact]
    public async Task A_filter_only_recipe_shows_the_newest_first_and_says_it_passed_the_filters()
    {
        var result = await new RecipeHost().RankAsync("""{"filters":{"noReplies":true}}""", [Candidates.Post("a", 5), Candidates.Post("b", 1)]);

        Assert.Equal(["b", "a"], Candidates.Ids(result.Items));
        Assert.Contains("filters", result.Items[0].Explanation.Summary);
        Assert.Equal("recipe", result.Items[0].Explanation.Ranker);
    }
}
