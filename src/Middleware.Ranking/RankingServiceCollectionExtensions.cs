using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Middleware.Ranking.Bridging;
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
        services.AddBridging();
        services.AddSingleton(sp => new RankerCatalog(
        [
            RankerEntry.BuiltIn(sp.GetRequiredService<ChronologicalRanker>()),
            RankerEntry.BuiltIn(sp.GetRequiredService<EngagementRanker>()),
            RankerEntry.BuiltIn(sp.GetRequiredService<BridgingRanker>()),
        ]));
        services.AddSingleton<IRankingRunner, RankingRunner>();
        return services;
    }

    /// <summary>The bridging ranker (needs an <c>IRatingSource</c>), its refit schedule and options.</summary>
    private static void AddBridging(this IServiceCollection services)
    {
        services.AddOptions<BridgingOptions>().BindConfiguration(BridgingOptions.Section);
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<BridgingRanker>();
        services.AddSingleton<IRefittable>(sp => sp.GetRequiredService<BridgingRanker>());
        services.AddHostedService<BridgingRefitSchedule>();
    }
}
