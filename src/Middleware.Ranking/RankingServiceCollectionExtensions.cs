using Microsoft.Extensions.DependencyInjection;
using Middleware.Ranking.Builtin;
using Middleware.Ranking.Engine;
using Middleware.Ranking.Recipes;
using Middleware.Ranking.Scripts;

namespace Middleware.Ranking;

public static class RankingServiceCollectionExtensions
{
    /// <summary>Registers the built-in rankers, the catalog (built-ins and plugins) and the runner.</summary>
    public static IServiceCollection AddRanking(this IServiceCollection services)
    {
        services.AddOptions<RankingOptions>();
        services.AddSingleton<ChronologicalRanker>();
        services.AddSingleton<EngagementRanker>();
        services.AddOptions<ScriptOptions>().BindConfiguration(ScriptOptions.Section);
        services.AddSingleton<ScriptRanker>();
        // A recipe's blend runs rankers through the runner, whose catalog holds the recipe ranker.
        services.AddSingleton(sp => new RecipeRanker(
            new Lazy<IRankingRunner>(sp.GetRequiredService<IRankingRunner>), new Lazy<RankerCatalog>(sp.GetRequiredService<RankerCatalog>)));
        services.AddSingleton(sp => new RankerCatalog(
        [
            RankerEntry.BuiltIn(sp.GetRequiredService<ChronologicalRanker>()),
            RankerEntry.BuiltIn(sp.GetRequiredService<EngagementRanker>()),
            RankerEntry.BuiltIn(sp.GetRequiredService<RecipeRanker>()),
            RankerEntry.BuiltIn(sp.GetRequiredService<ScriptRanker>()),
        ]));
        services.AddSingleton<IRankingRunner, RankingRunner>();
        return services;
    }
}
