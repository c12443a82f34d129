using System.Text.Json;
using Middleware.Ranking.Scoring;

namespace Middleware.Ranking.Recipes;

/// <summary>The recipe's filters on their own, for callers that narrow candidates before any ranker
/// runs (a feed's <c>filters</c>). Same keys, same validation errors, same matching.</summary>
public sealed class CandidateFilter
{
    private static readonly BoundedCache<CandidateFilter> Parsed = new(256);
    private readonly RecipeFilters filters;

    private CandidateFilter(RecipeFilters filters) => this.filters = filters;

    /// <summary>Parses a filters object; errors are <see cref="RankerParameterException"/>s whose
    /// field starts with <paramref name="path"/>.</summary>
    public static CandidateFilter Parse(JsonElement element, string path) => new(RecipeFilterParser.Parse(element, path));

    /// <summary>A stored filters object (already valid), parsed once and kept: feeds are ranked again
    /// and again with the same filters, and a keyword filter compiles a regular expression.</summary>
    public static CandidateFilter FromStored(string json) => Parsed.GetOrAdd(json, text =>
    {
        using var document = JsonDocument.Parse(text);
        return Parse(document.RootElement, "filters");
    });

    /// <summary>The candidates that pass every filter, in their order.</summary>
    public IReadOnlyList<Candidate> Apply(IReadOnlyList<Candidate> candidates, DateTimeOffset now) =>
        candidates.Where(c => RecipeFilter.Keeps(filters, c, c.AgeAt(now).TotalHours)).ToList();
}
