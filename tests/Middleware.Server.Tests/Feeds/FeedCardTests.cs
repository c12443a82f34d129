using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Middleware.Core.Feeds;
using Middleware.Ranking;
using Middleware.Server.Feeds.Cards;

namespace Middleware.Server.Tests.Feeds;

/// <summary><c>GET /api/v1/feeds/{name}/card</c>: the DSA art. 27 card as JSON.</summary>
public sealed class FeedCardTests : OpenFeedFixture
{
    [Fact]
    public async Task The_card_states_main_parameters_in_both_languages_importance_profiling_options_and_version()
    {
        await ImportPostsAsync(1, 3);
        await AddFeedAsync("news", ranker: "engagement", parameters: """{"halfLifeHours":6}""");

        var card = await GetJsonAsync("/api/v1/feeds/news/card");

        Assert.Equal("news", card.GetProperty("name").GetString());
        Assert.Equal("@news@localhost", card.GetProperty("account").GetString());
        Assert.Equal(0, card.GetProperty("followers").GetInt32());
        var ranker = card.GetProperty("ranker");
        Assert.Equal("engagement", ranker.GetProperty("id").GetString());
        Assert.Equal("loaded", ranker.GetProperty("state").GetString());
        var main = card.GetProperty("mainParameters");
        Assert.Contains("boosts, favourites and replies", main[0].GetProperty("en").GetString());
        Assert.Contains("de meeste boosts, favorieten en antwoorden", main[0].GetProperty("nl").GetString());
        Assert.Contains(main.EnumerateArray(), l => l.GetProperty("en").GetString()!.Contains("every source"));
        var halfLife = card.GetProperty("parameters").EnumerateArray().Single(p => p.GetProperty("name").GetString() == "halfLifeHours");
        Assert.Equal("6", halfLife.GetProperty("value").GetString());
        Assert.False(halfLife.GetProperty("isDefault").GetBoolean());
        var importance = card.GetProperty("relativeImportance");
        Assert.Equal(3, importance.GetProperty("postsConsidered").GetInt32());
        // Nobody boosted, favourited or replied: nothing moved the scores, and the card says so.
        Assert.Contains("every contribution was 0", importance.GetProperty("summary").GetProperty("en").GetString());
        Assert.False(card.GetProperty("profiling").GetProperty("usesViewerData").GetBoolean());
        Assert.StartsWith("No:", card.GetProperty("profiling").GetProperty("statement").GetProperty("en").GetString());
        Assert.NotEmpty(card.GetProperty("options").EnumerateArray());
        Assert.Equal(1, card.GetProperty("version").GetInt32());
        Assert.Equal(JsonValueKind.String, card.GetProperty("updatedAt").ValueKind);
        Assert.Equal("http://localhost/feeds/news.atom", card.GetProperty("links").GetProperty("atom").GetString());
        Assert.Equal("http://localhost/feeds/news/vote", card.GetProperty("links").GetProperty("vote").GetString());
    }

    [Fact]
    public async Task Relative_importance_is_each_factors_share_of_the_top_posts_score_contributions()
    {
        await ImportPostsAsync(1, 3);
        await AddFeedAsync("recent");

        var importance = (await GetJsonAsync("/api/v1/feeds/recent/card")).GetProperty("relativeImportance");

        var factor = Assert.Single(importance.GetProperty("factors").EnumerateArray());
        Assert.Equal("ageHours", factor.GetProperty("feature").GetString());
        Assert.Equal(1.0, factor.GetProperty("share").GetDouble());
        Assert.Contains("ageHours 100%", importance.GetProperty("summary").GetProperty("en").GetString());
        Assert.Contains("ageHours 100%", importance.GetProperty("summary").GetProperty("nl").GetString());
    }

    [Fact]
    public async Task The_history_names_the_members_each_version_changed()
    {
        var feed = await AddFeedAsync("moving");
        var store = Service.Services.GetRequiredService<IFeedStore>();
        var v2 = await store.UpdateAsync(feed with { Ranker = "engagement", UpdatedAt = DateTimeOffset.UtcNow });
        await store.UpdateAsync(v2! with { FiltersJson = """{"noReplies":true}""", BoostIntervalSeconds = 600, UpdatedAt = DateTimeOffset.UtcNow });

        var history = (await GetJsonAsync("/api/v1/feeds/moving/card")).GetProperty("history");

        Assert.Equal([3, 2, 1], history.EnumerateArray().Select(v => v.GetProperty("version").GetInt32()));
        Assert.Equal(["filters", "boostIntervalSeconds"], history[0].GetProperty("changed").EnumerateArray().Select(c => c.GetString()));
        Assert.Equal(["ranker"], history[1].GetProperty("changed").EnumerateArray().Select(c => c.GetString()));
        Assert.Empty(history[2].GetProperty("changed").EnumerateArray());
    }

    [Fact]
    public async Task A_recipe_that_looks_at_whom_you_follow_says_so()
    {
        await AddFeedAsync("mine", ranker: "recipe", parameters: """{"recipe":{"weights":{"viewerFollowsAuthor":2}}}""");

        var profiling = (await GetJsonAsync("/api/v1/feeds/mine/card")).GetProperty("profiling");

        Assert.True(profiling.GetProperty("usesViewerData").GetBoolean());
        Assert.Contains("viewerFollowsAuthor", profiling.GetProperty("statement").GetProperty("en").GetString());
    }

    [Fact]
    public async Task A_recipe_feed_s_card_says_what_its_recipe_does_in_both_languages()
    {
        await AddFeedAsync("recipe-words", ranker: "recipe", parameters: """
            {"recipe":{"weights":{"favourites":1,"boosts":2.5,"contentWarning":-1},"decay":{"halfLifeHours":6},
             "caps":{"perAuthor":2,"topK":20},"filters":{"languages":["nl","en"],"noReplies":true,"maxAgeHours":48}}}
            """);
        await AddFeedAsync("blend-words", ranker: "recipe", parameters: """
            {"recipe":{"blend":[{"ranker":"bridging","weight":3},{"ranker":"chronological","weight":1}]}}
            """);

        var recipe = (await GetJsonAsync("/api/v1/feeds/recipe-words/card")).GetProperty("mainParameters");
        var blend = (await GetJsonAsync("/api/v1/feeds/blend-words/card")).GetProperty("mainParameters");

        Assert.Equal(
        [
            ("Points per signal, the weightiest first: boosts +2.5, favourites +1, has a content warning −1.",
                "Punten per signaal, het zwaarste eerst: boosts +2,5, favorieten +1, heeft een inhoudswaarschuwing −1."),
            ("A post's points halve every 6 hours as it ages.", "De punten van een bericht halveren elke 6 uur naarmate het ouder wordt."),
            ("At most 2 per author among the first 20; further posts move down.", "Hoogstens 2 per auteur bij de eerste 20; verdere berichten schuiven naar beneden."),
            ("Only posts in these languages: nl, en.", "Alleen berichten in deze talen: nl, en."),
            ("Replies are left out.", "Antwoorden worden weggelaten."),
            ("Posts older than 48 hours are left out.", "Berichten ouder dan 48 uur worden weggelaten."),
        ], recipe.EnumerateArray().Skip(1).Take(6).Select(Line).Select(l => (l.En.Split(" Counts are")[0], l.Nl.Split(" Aantallen tellen")[0])));
        Assert.Equal(
            ("This recipe mixes rankers, taking posts from each in turn in these shares: 'bridging' 75%, 'chronological' 25%.",
                "Dit recept mengt rankers en neemt om beurten berichten van elk, in deze verhouding: 'bridging' 75%, 'chronological' 25%."),
            Line(blend[1]));
        // The sentences made from the feed's own definition follow.
        Assert.Contains("every source", blend[2].GetProperty("en").GetString());

        static (string En, string Nl) Line(JsonElement line) => (line.GetProperty("en").GetString()!, line.GetProperty("nl").GetString()!);
    }

    [Fact]
    public async Task Unknown_and_private_feeds_have_no_card_and_the_same_answer()
    {
        await AddFeedAsync("hidden", isPublic: false);

        var unknown = await Client.GetAsync("/api/v1/feeds/nothing/card");
        var hidden = await Client.GetAsync("/api/v1/feeds/hidden/card");

        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, hidden.StatusCode);
        Assert.Equal((await unknown.Content.ReadAsStringAsync()).Replace("nothing", "hidden"), await hidden.Content.ReadAsStringAsync());
    }

    [Fact]
    public void Every_built_in_ranker_explains_itself_in_Dutch_and_one_that_does_not_is_said_to_be_English_only()
    {
        var rankers = Service.Services.GetRequiredService<Middleware.Ranking.Engine.RankerCatalog>();
        foreach (var id in new[] { "chronological", "engagement", "bridging", "recipe", "script" })
        {
            var metadata = rankers.Describe(id)!.Metadata!;
            var line = FeedCardWording.MainParameters(Feed(id), metadata, new FeedCardRanker(id, "loaded", metadata.Version, null, null), [])[0];
            Assert.Equal(metadata.MainParameters, line.En);
            Assert.Equal(metadata.MainParametersTranslated["nl"], line.Nl);
            Assert.DoesNotContain("alleen in het Engels", line.Nl);
        }

        var englishOnly = new RankerMetadata { Id = "acme", Version = "2.0.0", Description = "d", MainParameters = "Newest first." };
        var fallback = FeedCardWording.MainParameters(Feed("acme"), englishOnly, new FeedCardRanker("acme", "loaded", "2.0.0", null, null), [])[0];
        Assert.Equal("Newest first.", fallback.En);
        Assert.Equal("Volgorde door de ranker 'acme' (versie 2.0.0). Zijn eigen uitleg hierboven bestaat alleen in het Engels.", fallback.Nl);

        static Feed Feed(string ranker) => new() { Name = "f", DisplayName = "F", Ranker = ranker, CreatedAt = default, UpdatedAt = default };
    }
}
