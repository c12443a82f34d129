using System.Text.Json;

namespace Middleware.Ranking.Recipes;

/// <summary>Turns recipe JSON into a validated <see cref="Recipe"/>. Every problem is reported as a
/// <see cref="RankerParameterException"/> whose field is the JSON path of the value at fault.</summary>
/// <param name="knownRankers">Ids of the rankers a blend may name.</param>
internal sealed class RecipeParser(IReadOnlyCollection<string> knownRankers)
{
    /// <summary>A recipe may blend a recipe that blends, but no deeper: each level multiplies the
    /// rankers run for one page, and a reader can no longer tell why a post is there.</summary>
    public const int MaxBlendDepth = 2;

    /// <summary>Most rankers one blend may interleave.</summary>
    public const int MaxBlendParts = 8;

    public const double MaxWeight = 1000;

    private static readonly string[] Keys = ["filters", "weights", "decay", "caps", "blend"];
    private static readonly string[] DecayKeys = ["halfLifeHours"];
    private static readonly string[] CapKeys = ["perAuthor", "perInstance", "topK"];
    private static readonly string[] BlendKeys = ["ranker", "weight", "parameters"];

    /// <summary>Parses <paramref name="element"/>, found at <paramref name="path"/>, as a recipe
    /// that sits <paramref name="depth"/> blends deep (0 for the recipe a feed names).</summary>
    public Recipe Parse(JsonElement element, string path = "recipe", int depth = 0)
    {
        RecipeJson.RequireObject(element, path, Keys);
        var filters = RecipeFilters.None;
        IReadOnlyList<FeatureWeight> weights = [];
        double? halfLife = null;
        DiversityCapSettings? caps = null;
        IReadOnlyList<BlendPart> blend = [];
        foreach (var property in element.EnumerateObject())
        {
            var at = $"{path}.{property.Name}";
            switch (property.Name)
            {
                case "filters": filters = RecipeFilterParser.Parse(property.Value, at); break;
                case "weights": weights = Weights(property.Value, at); break;
                case "decay": halfLife = Decay(property.Value, at); break;
                case "caps": caps = Caps(property.Value, at); break;
                case "blend": blend = Blend(property.Value, at, depth); break;
            }
        }
        if (blend.Count > 0 && element.TryGetProperty("weights", out _))
            throw RecipeJson.Error($"{path}.blend", "a recipe has either weights or a blend, not both; to blend a weighted recipe, add it to the blend as {\"ranker\":\"recipe\",\"parameters\":{\"recipe\":{…}}}.");
        if (blend.Count > 0 && halfLife is not null)
            throw RecipeJson.Error($"{path}.decay", "applies to weights, and a recipe with a blend has none; put the decay in a blended recipe.");
        return new Recipe(filters, weights, halfLife, caps, blend);
    }

    private static IReadOnlyList<FeatureWeight> Weights(JsonElement element, string path)
    {
        if (element.ValueKind != JsonValueKind.Object)
            throw RecipeJson.Error(path, "must be a JSON object of feature names and numbers, e.g. {\"favourites\":1,\"boosts\":2}.");
        var weights = new List<FeatureWeight>();
        foreach (var property in element.EnumerateObject())
        {
            var name = RecipeJson.Name(property, path);
            var at = $"{path}.{name}";
            if (!RecipeFeatures.TryParse(name, out var feature))
                throw RecipeJson.Error(at, $"is not a feature; allowed: {RecipeFeatures.AllowedNames}.");
            var weight = RecipeJson.Number(property.Value, at, -MaxWeight, MaxWeight);
            if (weight != 0)
                weights.Add(new FeatureWeight(feature, weight));
        }
        return weights;
    }

    private static double Decay(JsonElement element, string path)
    {
        RecipeJson.RequireObject(element, path, DecayKeys);
        if (!element.TryGetProperty("halfLifeHours", out var halfLife))
            throw RecipeJson.Error($"{path}.halfLifeHours", "is required: the hours after which a post's points count half.");
        return RecipeJson.Number(halfLife, $"{path}.halfLifeHours", 0.01, RecipeFilterParser.MaxHours);
    }

    private static DiversityCapSettings Caps(JsonElement element, string path)
    {
        RecipeJson.RequireObject(element, path, CapKeys);
        int? Read(string key) => element.TryGetProperty(key, out var value) ? RecipeJson.Integer(value, $"{path}.{key}", 1, 1000) : null;
        var caps = new DiversityCapSettings(Read("perAuthor"), Read("perInstance"), Read("topK"));
        if (caps.PerAuthor is null && caps.PerInstance is null)
            throw RecipeJson.Error(path, "needs perAuthor or perInstance (or both).");
        return caps;
    }

    private IReadOnlyList<BlendPart> Blend(JsonElement element, string path, int depth)
    {
        if (element.ValueKind != JsonValueKind.Array || element.GetArrayLength() == 0)
            throw RecipeJson.Error(path, "must be a non-empty list of {\"ranker\":…,\"weight\":…}.");
        if (depth + 1 > MaxBlendDepth)
            throw RecipeJson.Error(path, $"blends may nest at most {MaxBlendDepth} deep.");
        if (element.GetArrayLength() > MaxBlendParts)
            throw RecipeJson.Error(path, $"may blend at most {MaxBlendParts} rankers.");
        var parts = new List<BlendPart>();
        var index = 0;
        foreach (var item in element.EnumerateArray())
            parts.Add(BlendPart(item, $"{path}[{index++}]", depth));
        return parts;
    }

    private BlendPart BlendPart(JsonElement element, string path, int depth)
    {
        RecipeJson.RequireObject(element, path, BlendKeys);
        if (!element.TryGetProperty("ranker", out var rankerElement))
            throw RecipeJson.Error($"{path}.ranker", "is required: the id of the ranker to blend, e.g. \"chronological\".");
        var ranker = RecipeJson.String(rankerElement, $"{path}.ranker");
        if (!knownRankers.Contains(ranker))
            throw RecipeJson.Error($"{path}.ranker", $"there is no ranker '{ranker}'; known: {string.Join(", ", knownRankers)}.");
        if (!element.TryGetProperty("weight", out var weightElement))
            throw RecipeJson.Error($"{path}.weight", "is required: the ranker's share of the blend, e.g. 0.7.");
        var weight = RecipeJson.Number(weightElement, $"{path}.weight", 0.001, MaxWeight);

        var parameters = RankerParameters.Empty;
        if (element.TryGetProperty("parameters", out var parametersElement))
        {
            if (parametersElement.ValueKind != JsonValueKind.Object)
                throw RecipeJson.Error($"{path}.parameters", "must be a JSON object of the ranker's parameters.");
            parameters = RankerParameters.FromJson(parametersElement);
        }
        if (ranker == RecipeRanker.Id)
        {
            // A blended recipe is checked now, with its depth, so that a recipe can never end up
            // running itself: it must bring a recipe of its own, which is a smaller JSON value.
            if (parameters.Get("recipe") is not { } nested)
                throw RecipeJson.Error($"{path}.parameters.recipe", "is required: a blended recipe needs its own recipe; a recipe cannot blend itself.");
            Parse(nested, $"{path}.parameters.recipe", depth + 1);
        }
        return new BlendPart(ranker, weight, parameters);
    }
}
