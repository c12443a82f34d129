using System.Text.RegularExpressions;

namespace Middleware.Ranking.Recipes;

/// <summary>A parsed and validated recipe. Immutable, so one instance serves every ranking that uses
/// the same recipe text, concurrently.</summary>
/// <param name="Filters">Which candidates may be shown at all.</param>
/// <param name="Weights">Points per feature; empty when the recipe blends or only filters.</param>
/// <param name="HalfLifeHours">Hours after which a post's points count half; null for no decay.</param>
/// <param name="Caps">Diversity caps, or null.</param>
/// <param name="Blend">Rankers to interleave; empty for a weighted (or filter-only) recipe.</param>
internal sealed record Recipe(
    RecipeFilters Filters,
    IReadOnlyList<FeatureWeight> Weights,
    double? HalfLifeHours,
    DiversityCapSettings? Caps,
    IReadOnlyList<BlendPart> Blend);

/// <summary>The filters of a recipe; an absent filter lets every post through.</summary>
internal sealed record RecipeFilters
{
    public IReadOnlyList<string> Languages { get; init; } = [];
    public IReadOnlyList<string> Hashtags { get; init; } = [];
    public IReadOnlyList<string> ExcludeKeywords { get; init; } = [];
    /// <summary>Whole-word, case-insensitive matcher for <see cref="ExcludeKeywords"/>, or null.</summary>
    public Regex? ExcludeKeywordPattern { get; init; }
    public IReadOnlyList<string> IncludeInstances { get; init; } = [];
    public IReadOnlyList<string> ExcludeInstances { get; init; } = [];
    public bool MediaOnly { get; init; }
    public bool NoReplies { get; init; }
    public double? MaxAgeHours { get; init; }

    public static RecipeFilters None { get; } = new();
}

/// <summary>Points per unit of one feature.</summary>
internal sealed record FeatureWeight(RecipeFeature Feature, double Weight);

/// <summary>At most <paramref name="PerAuthor"/> posts per author and <paramref name="PerInstance"/>
/// per instance among the first <paramref name="TopK"/> (null: the whole page).</summary>
internal sealed record DiversityCapSettings(int? PerAuthor, int? PerInstance, int? TopK);

/// <summary>One ranker in a blend, with its share and the parameters it is run with.</summary>
internal sealed record BlendPart(string Ranker, double Weight, RankerParameters Parameters);
