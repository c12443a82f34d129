using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Middleware.Core.Feeds;
using Middleware.Core.Sources;

namespace Middleware.Server.Tests.Feeds;

public sealed class OpenFeedCardTests : OpenFeedFixture
{
    [Fact]
    public async Task The_list_shows_public_feeds_with_their_card_and_account()
    {
        await AddFeedAsync("zeta");
        await AddFeedAsync("alpha");
        await AddFeedAsync("hidden", isPublic: false);

        var list = await GetJsonAsync("/api/v1/feeds");

        Assert.Equal(["alpha", "zeta"], list.EnumerateArray().Select(f => f.GetProperty("name").GetString()));
        var alpha = list[0];
        Assert.Equal("Feed alpha", alpha.GetProperty("displayName").GetString());
        Assert.Equal("About alpha", alpha.GetProperty("description").GetString());
        Assert.Equal("http://localhost/api/v1/feeds/alpha", alpha.GetProperty("url").GetString());
        Assert.Equal("@alpha@localhost", alpha.GetProperty("account").GetString());
    }

    [Fact]
    public async Task The_card_states_sources_ranker_main_parameters_and_version()
    {
        await AddFeedAsync("news", ranker: "engagement", parameters: """{"halfLifeHours":6}""");

        var card = await GetJsonAsync("/api/v1/feeds/news");

        Assert.Equal("all", card.GetProperty("sources").GetString());
        var ranker = card.GetProperty("ranker");
        Assert.Equal("engagement", ranker.GetProperty("id").GetString());
        Assert.False(string.IsNullOrEmpty(ranker.GetProperty("version").GetString()));
        Assert.False(string.IsNullOrEmpty(ranker.GetProperty("mainParameters").GetString()));
        Assert.False(ranker.GetProperty("usesProfiling").GetBoolean());
        Assert.Equal(6, card.GetProperty("parameters").GetProperty("halfLifeHours").GetInt32());
        Assert.Equal(1, card.GetProperty("version").GetInt32());
        Assert.Equal(JsonValueKind.Null, card.GetProperty("filters").ValueKind);
        Assert.Equal(300, card.GetProperty("boosts").GetProperty("intervalSeconds").GetInt32());
        Assert.Equal("@news@localhost", card.GetProperty("account").GetString());
        Assert.Equal("http://localhost/api/v1/feeds/news/skeleton", card.GetProperty("skeleton").GetString());
        Assert.Equal("http://localhost/feeds/news.atom", card.GetProperty("atom").GetString());
    }

    [Fact]
    public async Task The_card_lists_chosen_sources_filters_and_the_current_version()
    {
        var source = await Service.Services.GetRequiredService<ISourceStore>()
            .AddAsync(new Source { Type = SourceType.Account, Target = Author });
        var feed = await AddFeedAsync("picked");
        await Service.Services.GetRequiredService<IFeedStore>().UpdateAsync(
            feed with { SourceIds = [source.Id], FiltersJson = """{"languages":["en"]}""", UpdatedAt = DateTimeOffset.UtcNow });

        var card = await GetJsonAsync("/api/v1/feeds/picked");

        var chosen = Assert.Single(card.GetProperty("sources").EnumerateArray());
        Assert.Equal("account", chosen.GetProperty("type").GetString());
        Assert.Equal(Author, chosen.GetProperty("target").GetString());
        Assert.Equal("en", card.GetProperty("filters").GetProperty("languages")[0].GetString());
        Assert.Equal(2, card.GetProperty("version").GetInt32());
    }

    [Fact]
    public async Task A_missing_ranker_is_stated_with_its_chronological_fallback()
    {
        await AddFeedAsync("broken", ranker: "nonexistent");

        var ranker = (await GetJsonAsync("/api/v1/feeds/broken")).GetProperty("ranker");

        Assert.Equal("unknown", ranker.GetProperty("state").GetString());
        Assert.Contains("chronological order", ranker.GetProperty("fallback").GetString());
    }

    [Fact]
    public async Task Unknown_and_private_feeds_have_no_card()
    {
        await AddFeedAsync("hidden", isPublic: false);

        await GetJsonAsync("/api/v1/feeds/nothing", HttpStatusCode.NotFound);
        await GetJsonAsync("/api/v1/feeds/hidden", HttpStatusCode.NotFound);
    }
}
