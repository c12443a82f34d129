using System.Globalization;
using Middleware.Ranking.Engine;

namespace Middleware.Ranking.Recipes;

/// <summary>Ranks the filtered candidates with every ranker of a blend, through the runner (so each
/// keeps its time budget and falls back on its own), and interleaves the results.</summary>
internal static class RecipeBlend
{
    /// <summary>The blended order, best first: each item's explanation says which ranker placed it
    /// and that ranker's share of the blend.</summary>
    public static async Task<List<RankedItem>> RankAsync(IRankingRunner runner, Recipe recipe, RankingRequest request,
        IReadOnlyList<Candidate> filtered, int length, CancellationToken ct)
    {
        var parts = recipe.Blend;
        var runs = new Task<RankingOutcome>[parts.Count];
        for (var p = 0; p < parts.Count; p++)
        {
            var part = parts[p];
            runs[p] = runner.RunAsync(part.Ranker, request with { Candidates = filtered, Limit = length, Parameters = part.Parameters }, ct);
        }
        var outcomes = new RankingOutcome[parts.Count];
        for (var p = 0; p < parts.Count; p++)
        {
            try
            {
                outcomes[p] = await runs[p];
            }
            catch (RankerParameterException e)
            {
                // The blended ranker only knows its own parameter names; the user needs the path
                // inside the recipe.
                throw new RankerParameterException($"recipe.blend[{p}].parameters.{e.Field}", e.Problem);
            }
        }

        var totalWeight = 0.0;
        foreach (var part in parts)
            totalWeight += part.Weight;
        var placed = BlendInterleaver.Interleave(outcomes.Select(o => o.Result.Items).ToList(), parts.Select(p => p.Weight).ToList(), length);
        var items = new List<RankedItem>(placed.Count);
        for (var position = 0; position < placed.Count; position++)
        {
            var (item, p) = placed[position];
            var share = parts[p].Weight / totalWeight;
            items.Add(new RankedItem(item.PostUri, placed.Count - position, Explain(parts[p].Ranker, share, outcomes[p], item.Explanation)));
        }
        return items;
    }

    private static Explanation Explain(string ranker, double share, RankingOutcome outcome, Explanation inner)
    {
        var percent = share.ToString("0%", CultureInfo.InvariantCulture);
        var note = outcome.FallbackReason is null
            ? $"placed by {ranker}, {percent} of the blend"
            : $"placed by {ranker}, {percent} of the blend, which fell back to {outcome.Ranker}: {outcome.FallbackReason}";
        var factors = new List<ExplanationFactor>(inner.Factors.Count + 1) { new("blend", share, 0, note) };
        factors.AddRange(inner.Factors);
        return new Explanation(RecipeRanker.Id, $"Placed by '{ranker}' ({percent} of this blend): {inner.Summary}", factors);
    }
}
