using System.Text.Json;
using CsCheck;
using Middleware.Ranking.Recipes;
using Middleware.Testing.Properties;

namespace Middleware.Ranking.Tests.Properties;

/// <summary>Recipes nobody wrote by hand: whatever JSON a feed's owner or an API caller gives as a
/// recipe, the parser returns a recipe or a <see cref="RankerParameterException"/> naming the field;
/// text that is not JSON is the caller's <see cref="JsonException"/>.</summary>
public sealed class RecipeProperties
{
    private static readonly string[] Valid =
    [
        """{"filters":{"noReplies":true},"weights":{"favourites":1,"boosts":2},"decay":{"halfLifeHours":12},"caps":{"perAuthor":2,"topK":10}}""",
        """{"filters":{"languages":["nl","en-GB"],"hashtags":["#klimaat"],"excludeKeywords":["crypto","c++"],"includeInstances":["social.overheid.nl"],"excludeInstances":["spam.example:8443"],"mediaOnly":false,"maxAgeHours":48}}""",
        """{"blend":[{"ranker":"chronological","weight":0.7},{"ranker":"recipe","weight":0.3,"parameters":{"recipe":{"weights":{"replies":-1},"caps":{"perInstance":3}}}}],"caps":{"perAuthor":1}}""",
        """{"blend":[{"ranker":"recipe","weight":1,"parameters":{"recipe":{"blend":[{"ranker":"engagement","weight":2}]}}}]}""",
    ];

    private static readonly RecipeParser Parser = new(["chronological", "engagement", "recipe"]);

    [Fact]
    public void Any_json_parses_to_a_recipe_or_a_parameter_error()
    {
        // Bytes, as the admin API receives them.
        var recipes = JsonGen.Utf8(Gen.Frequency((3, JsonMutants.Of(Valid)), (1, JsonGen.Value), (1, JsonGen.AlmostJson)));
        Outcome.Holds(recipes, body => Outcome.ValueOr<JsonException, bool>(() =>
        {
            using var document = JsonDocument.Parse(body);
            try
            {
                Parser.Parse(document.RootElement);
            }
            catch (RankerParameterException e)
            {
                Assert.False(string.IsNullOrEmpty(e.Field));
                Assert.False(string.IsNullOrEmpty(e.Problem));
            }
            return true;
        }), body => System.Text.Encoding.UTF8.GetString(body));
    }
}
