using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Middleware.Ranking.Builtin;
using Middleware.Ranking.Engine;
using Middleware.Ranking.Plugins;

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
            // Keep plugins last: the catalog keeps the first of two equal ids, so no plugin can take a built-in's.
            .. sp.GetRequiredService<PluginLoader>().LoadAll(),
        ]));
        services.AddSingleton(CreatePluginLoader);
        services.AddHostedService<PluginStartupReport>();
        services.AddSingleton<IRankingRunner, RankingRunner>();
        return services;
    }

    // Without a host (tests, tools) relative paths are taken from the working directory.
    private static PluginLoader CreatePluginLoader(IServiceProvider sp) => new(
        PluginLoader.ResolveFolder(
            sp.GetRequiredService<IOptions<RankingOptions>>().Value.PluginsPath,
            sp.GetService<IHostEnvironment>()?.ContentRootPath ?? Directory.GetCurrentDirectory()),
        sp.GetService<ILogger<PluginLoader>>() ?? NullLogger<PluginLoader>.Instance);
}
