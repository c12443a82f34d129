using Middleware.Ranking.Engine;
using Middleware.Ranking.Scoring;

namespace Middleware.Ranking.Recipes;

/// <summary>Ranks by a recipe a user writes as JSON, without code: filters, weighted features with
/// time decay, diversity caps, or a blend of other rankers. See docs/ranking.md#recipes.</summary>
/// <remarks>A blend runs other rankers through the runner, and the runner finds rankers in the
/// catalog that holds this one; both are therefore resolved on first use.</remarks>
public sealed class RecipeRanker(Lazy<IRankingRunner> runner, Lazy<RankerCatalog> catalog) : IRanker
{
    public const string Id = "recipe";

    /// <summary>Distinct recipe texts kept parsed.</summary>
    public const int CacheCapacity = 512;

    private readonly BoundedCache<Recipe> recipes = new(CacheCapacity);
    private RecipeParser? parser;

    /// <summary>How many parsed recipes are cached (for tests).</summary>
    internal int CachedRecipes => recipes.Count;

    public RankerMetadata Metadata { get; } = new()
    {
        Id = Id,
        Version = "1.0.0",
        Description = "A recipe written as JSON: filters, weighted features with time decay, diversity caps, or a blend of other rankers.",
        MainParameters = "The recipe decides: which posts are left out (language, hashtags, keywords, instances, media, replies, age), how many points each signal gives (favourites, boosts, replies…; counts on a logarithmic scale), how fast points fade with age, how many posts one author or instance may have near the top, or which rankers are mixed in what proportion. Only the 'viewerFollowsAuthor' signal looks at whom you follow.",
        MainParametersTranslated = new Dictionary<string, string>
        {
            ["nl"] = "Het recept bepaalt welke berichten worden weggelaten (taal, hashtags, trefwoorden, instances, media, antwoorden, leeftijd), hoeveel punten elk signaal geeft (favorieten, boosts, antwoorden…; aantallen op een logaritmische schaal), hoe snel punten met de leeftijd afnemen, hoeveel berichten één auteur of instance bovenaan mag hebben, of welke rankers in welke verhouding worden gemengd. Alleen het signaal 'viewerFollowsAuthor' kijkt naar wie jij volgt.",
        },
        UsesProfiling = false,
        Parameters =
        [
            new ParameterDescriptor("recipe", ParameterType.Json, null, "The recipe object: filters, weights, decay, caps, blend (see docs/ranking.md#recipes)."),
        ],
    };

    public async ValueTask<RankingResult> RankAsync(RankingRequest request, CancellationToken cancellationToken)
    {
        var recipe = Parse(request.Parameters);
        var candidates = request.Candidates;
        var ageHours = new double[candidates.Count];
        for (var i = 0; i < candidates.Count; i++)
            ageHours[i] = candidates[i].AgeAt(request.Now).TotalHours;
        var kept = new int[candidates.Count];
        var keptCount = RecipeFilter.Apply(recipe.Filters, candidates, ageHours, kept);
        cancellationToken.ThrowIfCancellationRequested();

        if (recipe.Blend.Count > 0)
            return new RankingResult(await BlendAsync(recipe, request, kept, keptCount, cancellationToken));

        var scores = new double[candidates.Count];
        RecipeScorer.Score(recipe, candidates, ageHours, kept, keptCount, scores);
        cancellationToken.ThrowIfCancellationRequested();
        var order = new ScoreOrder(scores, candidates);
        var (ordered, deferred) = Order(recipe.Caps, kept, keptCount, order, candidates, request.Limit);

        var items = new List<RankedItem>(Math.Min(request.Limit, ordered.Length));
        for (var position = 0; position < ordered.Length && position < request.Limit; position++)
        {
            var i = ordered[position];
            var capNote = deferred?.GetValueOrDefault(i);
            items.Add(new RankedItem(candidates[i].PostUri, scores[i], RecipeScorer.Explain(recipe, candidates[i], ageHours[i], scores[i], capNote)));
        }
        return new RankingResult(items);
    }

    private static (int[] Order, IReadOnlyDictionary<int, string>? Deferred) Order(DiversityCapSettings? caps,
        int[] kept, int keptCount, ScoreOrder order, IReadOnlyList<Candidate> candidates, int limit)
    {
        if (caps is null)
            return (TopSelection.Select(kept, keptCount, limit, order), null);
        // Caps walk past the posts they defer; four pages' worth is nearly always enough, and when it
        // is not, the whole order is taken.
        var selected = TopSelection.Select(kept, keptCount, Math.Max(limit, caps.TopK ?? limit) * 4, order);
        var capped = DiversityCaps.Apply(selected, selected.Length == keptCount, candidates, caps, limit);
        if (!capped.Exact)
            capped = DiversityCaps.Apply(TopSelection.Select(kept, keptCount, keptCount, order), true, candidates, caps, limit);
        return (capped.Order, capped.Deferred);
    }

    private async Task<List<RankedItem>> BlendAsync(Recipe recipe, RankingRequest request, int[] kept, int keptCount, CancellationToken ct)
    {
        var filtered = new Candidate[keptCount];
        for (var k = 0; k < keptCount; k++)
            filtered[k] = request.Candidates[kept[k]];
        if (recipe.Caps is null)
            return await RecipeBlend.RankAsync(runner.Value, recipe, request, filtered, request.Limit, ct);

        // Caps on a blend act on the blended order; it is made longer than the page so that deferred
        // posts have successors.
        var length = Math.Min(keptCount, Math.Max(request.Limit, recipe.Caps.TopK ?? request.Limit) * 2);
        var blended = await RecipeBlend.RankAsync(runner.Value, recipe, request, filtered, length, ct);
        var index = new Dictionary<string, int>(blended.Count, StringComparer.Ordinal);
        for (var k = 0; k < filtered.Length; k++)
            index[filtered[k].PostUri] = k;
        var capped = DiversityCaps.Apply(blended.Select(item => index[item.PostUri]).ToArray(), true, filtered, recipe.Caps, request.Limit);
        var byIndex = blended.ToDictionary(item => index[item.PostUri]);
        var items = new List<RankedItem>(request.Limit);
        foreach (var k in capped.Order.Take(request.Limit))
        {
            var item = byIndex[k];
            items.Add(capped.Deferred.TryGetValue(k, out var note)
                ? item with { Score = request.Limit - items.Count, Explanation = item.Explanation with { Summary = $"{item.Explanation.Summary} {note}" } }
                : item with { Score = request.Limit - items.Count });
        }
        return items;
    }

    /// <summary>The recipe in <paramref name="parameters"/> in plain words, each sentence in English and
    /// Dutch; empty when there is no recipe or it does not parse (feeds are validated when saved).</summary>
    public IReadOnlyList<(string En, string Nl)> Describe(RankerParameters parameters)
    {
        try
        {
            return RecipeWording.Describe(Parse(parameters));
        }
        catch (RankerParameterException)
        {
            return [];
        }
    }

    private Recipe Parse(RankerParameters parameters)
    {
        if (parameters.Get("recipe") is not { } json)
            throw new RankerParameterException("recipe", "is required: a JSON object with filters, weights, decay, caps or blend.");
        parser ??= new RecipeParser(catalog.Value.Entries.Where(e => e.State == RankerState.Loaded).Select(e => e.Id).ToArray());
        return recipes.GetOrAdd(json.GetRawText(), _ => parser.Parse(json));
    }
}
