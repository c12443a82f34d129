using System.Globalization;
using Middleware.Ranking.Builtin;

namespace Middleware.Ranking.Recipes;

/// <summary>Scores candidates by a recipe's weights and decay: the sum over features of
/// weight × value, times the decay factor 0.5^(age / half-life). A negative sum is divided by the
/// factor instead, so that age always moves a post down, never up.</summary>
internal static class RecipeScorer
{
    /// <summary>Below this the factor no longer changes the order, and dividing by it stays finite.</summary>
    private const double SmallestDecay = 1e-9;

    /// <summary>Writes the score of each kept candidate into <paramref name="scores"/> (by candidate index).</summary>
    public static void Score(Recipe recipe, IReadOnlyList<Candidate> candidates, double[] ageHours, int[] kept, int keptCount, double[] scores)
    {
        var weights = recipe.Weights;
        for (var k = 0; k < keptCount; k++)
        {
            var i = kept[k];
            var c = candidates[i];
            var sum = 0.0;
            for (var w = 0; w < weights.Count; w++)
                sum += weights[w].Weight * RecipeFeatures.ScoredValue(weights[w].Feature, c, ageHours[i]);
            scores[i] = Decayed(sum, Decay(recipe, ageHours[i]));
        }
    }

    public static double Decay(Recipe recipe, double ageHours) =>
        recipe.HalfLifeHours is { } halfLife ? Math.Max(SmallestDecay, Math.Pow(0.5, ageHours / halfLife)) : 1;

    private static double Decayed(double sum, double decay) => sum >= 0 ? sum * decay : sum / decay;

    /// <summary>Why <paramref name="c"/> got <paramref name="score"/>: the weighted features that moved
    /// it, largest first, and the decay. Built only for the posts that are returned.</summary>
    public static Explanation Explain(Recipe recipe, Candidate c, double ageHours, double score, string? capNote)
    {
        var decay = Decay(recipe, ageHours);
        var scale = score >= 0 ? decay : 1 / decay;
        var factors = new List<ExplanationFactor>(recipe.Weights.Count + 2);
        foreach (var (feature, weight) in recipe.Weights)
        {
            var contribution = weight * RecipeFeatures.ScoredValue(feature, c, ageHours) * scale;
            if (contribution != 0)
                factors.Add(new ExplanationFactor(RecipeFeatures.Name(feature), RecipeFeatures.RawValue(feature, c, ageHours), contribution));
        }
        factors.Sort((a, b) => Math.Abs(b.Contribution).CompareTo(Math.Abs(a.Contribution)));
        if (recipe.HalfLifeHours is { } halfLife)
            factors.Add(new ExplanationFactor("decay", ageHours, 0, $"points ×{decay.ToString("0.###", CultureInfo.InvariantCulture)} for age (half-life {halfLife.ToString("0.##", CultureInfo.InvariantCulture)} hours)"));
        if (capNote is not null)
            factors.Add(new ExplanationFactor("diversityCap", 0, 0, capNote));

        var age = Ages.Describe(TimeSpan.FromHours(ageHours));
        var summary = recipe.Weights.Count == 0
            ? $"Passed the recipe's filters; published {age} ago, newer posts come first."
            : factors.Count > 0 && factors[0].Contribution != 0
                ? $"Scored {Format(score)} by the recipe, most of all for {factors[0].Feature}; published {age} ago."
                : $"Scored {Format(score)} by the recipe; published {age} ago.";
        return new Explanation(RecipeRanker.Id, capNote is null ? summary : $"{summary} {capNote}", factors);
    }

    private static string Format(double value) => value.ToString("0.###", CultureInfo.InvariantCulture);
}
