namespace Middleware.Ranking.Recipes;

/// <summary>A candidate feature a recipe can weigh.</summary>
internal enum RecipeFeature
{
    Favourites,
    Boosts,
    Replies,
    DistinctEngagers,
    Impressions,
    Disagreements,
    ViewerFollowsAuthor,
    Media,
    ContentWarning,
    IsReply,
    Length,
    CoordinationScore,
    AgeHours,
}

/// <summary>Names and values of <see cref="RecipeFeature"/>s. Counts enter a score as
/// <c>ln(1 + count)</c>, so that going from 0 to 10 favourites counts as much as going from 10 to 120:
/// one viral post cannot swamp a page, and weights of different features stay comparable. Yes/no
/// features are 1 or 0; the coordination score (0 to 1) and the age in hours are used as they are.</summary>
internal static class RecipeFeatures
{
    private static readonly Dictionary<string, RecipeFeature> ByName = new(StringComparer.Ordinal)
    {
        ["favourites"] = RecipeFeature.Favourites,
        ["boosts"] = RecipeFeature.Boosts,
        ["replies"] = RecipeFeature.Replies,
        ["distinctEngagers"] = RecipeFeature.DistinctEngagers,
        ["impressions"] = RecipeFeature.Impressions,
        ["disagreements"] = RecipeFeature.Disagreements,
        ["viewerFollowsAuthor"] = RecipeFeature.ViewerFollowsAuthor,
        ["media"] = RecipeFeature.Media,
        ["contentWarning"] = RecipeFeature.ContentWarning,
        ["isReply"] = RecipeFeature.IsReply,
        ["length"] = RecipeFeature.Length,
        ["coordinationScore"] = RecipeFeature.CoordinationScore,
        ["ageHours"] = RecipeFeature.AgeHours,
    };

    /// <summary>Every name a recipe may use under <c>weights</c>, comma-separated, for error messages.</summary>
    public static string AllowedNames { get; } = string.Join(", ", ByName.Keys);

    public static bool TryParse(string name, out RecipeFeature feature) => ByName.TryGetValue(name, out feature);

    /// <summary>The name as written in recipes and explanations.</summary>
    public static string Name(RecipeFeature feature) => feature switch
    {
        RecipeFeature.DistinctEngagers => "distinctEngagers",
        RecipeFeature.ViewerFollowsAuthor => "viewerFollowsAuthor",
        RecipeFeature.ContentWarning => "contentWarning",
        RecipeFeature.IsReply => "isReply",
        RecipeFeature.CoordinationScore => "coordinationScore",
        RecipeFeature.AgeHours => "ageHours",
        _ => feature.ToString().ToLowerInvariant(),
    };

    /// <summary>The feature's plain value for explanations (counts as counted, yes/no as 1/0).</summary>
    public static double RawValue(RecipeFeature feature, Candidate c, double ageHours) => feature switch
    {
        RecipeFeature.Favourites => c.Favourites,
        RecipeFeature.Boosts => c.Boosts,
        RecipeFeature.Replies => c.Replies,
        RecipeFeature.DistinctEngagers => c.DistinctEngagers,
        RecipeFeature.Impressions => c.Impressions,
        RecipeFeature.Disagreements => c.Disagreements,
        RecipeFeature.ViewerFollowsAuthor => c.ViewerFollowsAuthor ? 1 : 0,
        RecipeFeature.Media => c.MediaCount > 0 ? 1 : 0,
        RecipeFeature.ContentWarning => string.IsNullOrEmpty(c.ContentWarning) ? 0 : 1,
        RecipeFeature.IsReply => c.IsReply ? 1 : 0,
        RecipeFeature.Length => c.Length,
        RecipeFeature.CoordinationScore => c.CoordinationScore,
        RecipeFeature.AgeHours => ageHours,
        _ => throw new ArgumentOutOfRangeException(nameof(feature)),
    };

    /// <summary>What one point of weight multiplies: <c>ln(1 + count)</c> for counts, the raw value otherwise.</summary>
    public static double ScoredValue(RecipeFeature feature, Candidate c, double ageHours)
    {
        var raw = RawValue(feature, c, ageHours);
        return IsCount(feature) ? Math.Log(1 + Math.Max(0, raw)) : raw;
    }

    private static bool IsCount(RecipeFeature feature) => feature is RecipeFeature.Favourites or RecipeFeature.Boosts
        or RecipeFeature.Replies or RecipeFeature.DistinctEngagers or RecipeFeature.Impressions
        or RecipeFeature.Disagreements or RecipeFeature.Length;
}
