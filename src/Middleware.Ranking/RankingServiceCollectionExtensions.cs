using Microsoft.Extensions.DependencyInjection;
using Middleware.Ranking.Builtin;
using Middleware.Ranking.Engine;

namespace Middleware.Ranking;

public static class RankingServiceCollectionExtensions
{
    /// <summary>Registers the built-in rankers, the catalog (built-ins and plugins) and the runner.</summary>
    public static IServiceCollection AddRanking(this IServiceCollection services)
    {
        services.AddOptions<RankingOptions>();
        services.AddSingleton<ChronologicalRanker>();
        services.AddSingleton<EngagementRanker>();
        services.AddSingleton(sp => new RankerCatalog(
        [
            RankerEntry.BuiltIn(sp.GetRequiredService<ChronologicalRanker>()),
            RankerEntry.BuiltIn(sp.GetRequiredService<EngagementRanker>()),
        ]));
        services.AddSingleton<IRankingRunner, RankingRunner>();
        return services;
    }
}
