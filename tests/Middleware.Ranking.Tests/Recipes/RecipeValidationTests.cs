using Middleware.Ranking.Recipes;

namespace Middleware.Ranking.Tests.Recipes;

public sealed class RecipeValidationTests
{
    [Theory]
    [InlineData("""[]""", "recipe", "must be a JSON object")]
    [InlineData("""{"filter":{}}""", "recipe.filter", "not a known key; allowed here: filters, weights")]
    [InlineData("""{"filters":[]}""", "recipe.filters", "must be a JSON object")]
    [InlineData("""{"filters":{"langauges":["nl"]}}""", "recipe.filters.langauges", "not a known key")]
    [InlineData("""{"filters":{"languages":"nl"}}""", "recipe.filters.languages", "must be a list of strings")]
    [InlineData("""{"filters":{"languages":["dutch!"]}}""", "recipe.filters.languages[0]", "not a language code")]
    [InlineData("""{"filters":{"languages":["nl",""]}}""", "recipe.filters.languages[1]", "must not be empty")]
    [InlineData("""{"filters":{"hashtags":["two words"]}}""", "recipe.filters.hashtags[0]", "not a hashtag")]
    [InlineData("""{"filters":{"excludeKeywords":[42]}}""", "recipe.filters.excludeKeywords[0]", "must be a string, not 42")]
    [InlineData("""{"filters":{"includeInstances":["https://social.overheid.nl/"]}}""", "recipe.filters.includeInstances[0]", "not an instance host name")]
    [InlineData("""{"filters":{"excludeInstances":["spam example"]}}""", "recipe.filters.excludeInstances[0]", "not an instance host name")]
    [InlineData("""{"filters":{"mediaOnly":"yes"}}""", "recipe.filters.mediaOnly", "must be true or false")]
    [InlineData("""{"filters":{"noReplies":1}}""", "recipe.filters.noReplies", "must be true or false")]
    [InlineData("""{"filters":{"maxAgeHours":-1}}""", "recipe.filters.maxAgeHours", "must be between 0.01 and 87600, not -1")]
    [InlineData("""{"filters":{"maxAgeHours":"48"}}""", "recipe.filters.maxAgeHours", "must be a number")]
    [InlineData("""{"weights":{"favorites":1}}""", "recipe.weights.favorites", "is not a feature; allowed: favourites, boosts")]
    [InlineData("""{"weights":{"boosts":5000}}""", "recipe.weights.boosts", "must be between -1000 and 1000")]
    [InlineData("""{"weights":[1]}""", "recipe.weights", "must be a JSON object of feature names")]
    [InlineData("""{"decay":{}}""", "recipe.decay.halfLifeHours", "is required")]
    [InlineData("""{"decay":{"halfLife":6}}""", "recipe.decay.halfLife", "not a known key")]
    [InlineData("""{"decay":{"halfLifeHours":0}}""", "recipe.decay.halfLifeHours", "must be between")]
    [InlineData("""{"caps":{"topK":10}}""", "recipe.caps", "needs perAuthor or perInstance")]
    [InlineData("""{"caps":{"perAuthor":1.5}}""", "recipe.caps.perAuthor", "must be a whole number")]
    [InlineData("""{"caps":{"perInstance":0}}""", "recipe.caps.perInstance", "must be between 1 and 1000")]
    [InlineData("""{"blend":[]}""", "recipe.blend", "non-empty list")]
    [InlineData("""{"blend":[{"weight":1}]}""", "recipe.blend[0].ranker", "is required")]
    [InlineData("""{"blend":[{"ranker":"bridgng","weight":1}]}""", "recipe.blend[0].ranker", "there is no ranker 'bridgng'; known: chronological, engagement, recipe")]
    [InlineData("""{"blend":[{"ranker":"chronological","weight":1},{"ranker":"engagement","weight":-0.3}]}""", "recipe.blend[1].weight", "must be between 0.001 and 1000")]
    [InlineData("""{"blend":[{"ranker":"chronological"}]}""", "recipe.blend[0].weight", "is required")]
    [InlineData("""{"blend":[{"ranker":"chronological","weight":1,"params":{}}]}""", "recipe.blend[0].params", "not a known key")]
    [InlineData("""{"blend":[{"ranker":"chronological","weight":1,"parameters":[]}]}""", "recipe.blend[0].parameters", "must be a JSON object")]
    [InlineData("""{"blend":[{"ranker":"recipe","weight":1}]}""", "recipe.blend[0].parameters.recipe", "a recipe cannot blend itself")]
    [InlineData("""{"blend":[{"ranker":"recipe","weight":1,"parameters":{"recipe":{"weights":{"likes":1}}}}]}""", "recipe.blend[0].parameters.recipe.weights.likes", "is not a feature")]
    [InlineData("""{"weights":{"boosts":1},"blend":[{"ranker":"chronological","weight":1}]}""", "recipe.blend", "either weights or a blend, not both")]
    [InlineData("""{"decay":{"halfLifeHours":6},"blend":[{"ranker":"chronological","weight":1}]}""", "recipe.decay", "applies to weights")]
    // Found by RecipeProperties (seed eHUSEm8R3Hh2): an escaped lone surrogate threw InvalidOperationException.
    [InlineData("""{"filters":{"excludeInstances":["spam.example:8443\udc00x"]}}""", "recipe.filters.excludeInstances[0]", "not valid Unicode text")]
    [InlineData("""{"weights":{"\ud800":1}}""", "recipe.weights", "a key that is not valid Unicode text")]
    [InlineData("""{"filters":{"\ud800":1}}""", "recipe.filters", "a key that is not valid Unicode text")]
    [InlineData("""{"blend":[{"ranker":"chronological","weight":1,"parameters":{"\udc00":1}}]}""", "parameters", "a key that is not valid Unicode text")]
    public async Task An_invalid_recipe_is_a_parameter_error_naming_the_field_and_the_problem(string recipe, string field, string problem)
    {
        var error = await Assert.ThrowsAsync<RankerParameterException>(() => new RecipeHost().RankAsync(recipe, [Candidates.Post("a", 1)]));

        Assert.Equal(field, error.Field);
        Assert.Contains(problem, error.Problem);
    }

    // Found by RecipeProperties (seed akYCKFccBO61): a string of bytes that are not UTF-8 threw
    // InvalidOperationException while the error message was being written.
    [Fact]
    public void A_string_that_is_not_utf8_is_a_parameter_error()
    {
        using var document = System.Text.Json.JsonDocument.Parse(new byte[] { (byte)'"', 0xFF, (byte)'"' });

        var error = Assert.Throws<RankerParameterException>(() => new RecipeParser(["chronological"]).Parse(document.RootElement));

        Assert.Contains("not valid Unicode", error.Problem);
    }

    [Fact]
    public async Task Blends_nest_at_most_two_deep()
    {
        const string Inner = """{"blend":[{"ranker":"chronological","weight":1}]}""";
        const string Middle = $$$"""{"blend":[{"ranker":"recipe","weight":1,"parameters":{"recipe":{{{Inner}}}}}]}""";
        const string Outer = $$$"""{"blend":[{"ranker":"recipe","weight":1,"parameters":{"recipe":{{{Middle}}}}}]}""";

        var twoDeep = await new RecipeHost().RankAsync(Middle, [Candidates.Post("a", 1)]);
        var error = await Assert.ThrowsAsync<RankerParameterException>(() => new RecipeHost().RankAsync(Outer, [Candidates.Post("a", 1)]));

        Assert.Single(twoDeep.Items);
        Assert.Equal("recipe.blend[0].parameters.recipe.blend[0].parameters.recipe.blend", error.Field);
        Assert.Contains("at most 2 deep", error.Problem);
    }

    [Fact]
    public async Task A_missing_recipe_is_a_parameter_error_and_through_the_runner_not_a_fallback()
    {
        var error = await Assert.ThrowsAsync<RankerParameterException>(() =>
            new RecipeHost().Runner.RunAsync("recipe", Candidates.Request([Candidates.Post("a", 1)])));

        Assert.Equal("recipe", error.Field);
        Assert.Contains("is required", error.Problem);
    }
}
