using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Middleware.Ranking.Builtin;
using Middleware.Ranking.Engine;
using Middleware.Ranking.Recipes;

namespace Middleware.Ranking.Tests.Recipes;

/// <summary>A recipe ranker wired to a runner and catalog as the service wires them.</summary>
internal sealed class RecipeHost
{
    public RecipeHost(params IRanker[] extra)
    {
        RankerCatalog? catalog = null;
        Recipe = new RecipeRanker(new Lazy<IRankingRunner>(() => Runner!), new Lazy<RankerCatalog>(() => catalog!));
        catalog = new RankerCatalog(
        [
            RankerEntry.BuiltIn(new ChronologicalRanker()),
            RankerEntry.BuiltIn(new EngagementRanker()),
            RankerEntry.BuiltIn(Recipe),
            .. extra.Select(RankerEntry.BuiltIn),
        ]);
        Runner = new RankingRunner(catalog, Options.Create(new RankingOptions()), NullLogger<RankingRunner>.Instance);
    }

    public RecipeRanker Recipe { get; }

    public RankingRunner Runner { get; }

    /// <summary>Ranks <paramref name="posts"/> with the recipe given as JSON text.</summary>
    public async Task<RankingResult> RankAsync(string recipeJson, IReadOnlyList<Candidate> posts, int limit = 10) =>
        await Recipe.RankAsync(Candidates.Request(posts, limit, Candidates.Parameters($$"""{"recipe":{{recipeJson}}}""")), default);

    /// <summary>The ids of the posts ranked by the recipe.</summary>
    public async Task<string[]> IdsAsync(string recipeJson, IReadOnlyList<Candidate> posts, int limit = 10) =>
        Candidates.Ids((await RankAsync(recipeJson, posts, limit)).Items);

    /// <summary>A ranker with a fixed order, for blends.</summary>
    public sealed class Fixed(string id, params string[] order) : IRanker
    {
        public RankerMetadata Metadata { get; } = new() { Id = id, Version = "0", Description = id, MainParameters = id };

        public ValueTask<RankingResult> RankAsync(RankingRequest request, CancellationToken cancellationToken)
        {
            var uris = request.Candidates.Select(c => c.PostUri).ToHashSet();
            var items = order.Select(o => $"https://example.social/posts/{o}").Where(uris.Contains).Take(request.Limit)
                .Select((uri, i) => new RankedItem(uri, -i, new Explanation(id, $"{id} put it here", [])));
            return ValueTask.FromResult(new RankingResult(items.ToList()));
        }
    }
}
