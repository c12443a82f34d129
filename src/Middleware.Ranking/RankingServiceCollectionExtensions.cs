using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Middleware.Core.Ranking;
using Middleware.Ranking.Bridging;
using Middleware.Ranking.Builtin;
using Middleware.Ranking.Coordination;
using Middleware.Ranking.Engine;
using Middleware.Ranking.Plugins;
using Middleware.Ranking.Recipes;
using Middleware.Ranking.Replay;
using Middleware.Ranking.Scripts;

namespace Middleware.Ranking;

public static class RankingServiceCollectionExtensions
{
    /// <summary>Registers the built-in rankers, the catalog (built-ins and plugins) and the runner.
    /// Options are read from <paramref name="configuration"/> when one is given (the server passes its
    /// own); without one they keep their defaults, which is what tests and tools want.</summary>
    public static IServiceCollection AddRanking(this IServiceCollection services, IConfiguration? configuration = null)
    {
        services.AddOptions<RankingOptions>();
        if (configuration is not null)
        {
            services.Configure<RankingOptions>(configuration.GetSection(RankingOptions.Section));
            services.Configure<ScriptOptions>(configuration.GetSection(ScriptOptions.Section));
        }
        services.AddSingleton<ChronologicalRanker>();
        services.AddSingleton<EngagementRanker>();
        services.AddBridging(configuration);
        services.AddOptions<ScriptOptions>();
        services.AddSingleton<ScriptRanker>();
        // A recipe's blend runs rankers through the runner, whose catalog holds the recipe ranker.
        services.AddSingleton(sp => new RecipeRanker(
            new Lazy<IRankingRunner>(sp.GetRequiredService<IRankingRunner>), new Lazy<RankerCatalog>(sp.GetRequiredService<RankerCatalog>)));
        services.AddSingleton(sp => new RankerCatalog(
        [
            RankerEntry.BuiltIn(sp.GetRequiredService<ChronologicalRanker>()),
            RankerEntry.BuiltIn(sp.GetRequiredService<EngagementRanker>()),
            RankerEntry.BuiltIn(sp.GetRequiredService<BridgingRanker>()),
            RankerEntry.BuiltIn(sp.GetRequiredService<RecipeRanker>()),
            RankerEntry.BuiltIn(sp.GetRequiredService<ScriptRanker>()),
            // Keep plugins last: the catalog keeps the first of two equal ids, so no plugin can take a built-in's.
            .. sp.GetRequiredService<PluginLoader>().LoadAll(),
        ]));
        services.AddSingleton(CreatePluginLoader);
        // Each reload reads the settings anew, so a hash listed since start-up is honoured.
        services.AddSingleton(sp => ActivatorUtilities.CreateInstance<PluginReloader>(sp, new Func<PluginLoader>(() => CreatePluginLoader(sp))));
        services.AddHostedService<PluginStartupReport>();
        services.AddSingleton<PluginFolderWatcher>();
        services.AddHostedService(sp => sp.GetRequiredService<PluginFolderWatcher>());
        services.AddSingleton<IRankingRunner, RankingRunner>();
        // Replay: needs the data layer's IAsOfSources, resolved only when something ranks as of a past moment.
        services.AddSingleton<AsOfRankings>();
        return services;
    }

    /// <summary>The bridging ranker, its refit schedule, options and coordination scores. It reads the
    /// registered <see cref="IRatingSource"/> (the data layer's); without one (tests, tools) it sees no
    /// signals and ranks every post in cold start. It also takes the registered
    /// <see cref="IAccountEvidenceSource"/> and <see cref="IModelFitStore"/> when there are.</summary>
    private static void AddBridging(this IServiceCollection services, IConfiguration? configuration)
    {
        services.AddOptions<BridgingOptions>();
        if (configuration is not null)
            services.Configure<BridgingOptions>(configuration.GetSection(BridgingOptions.Section));
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(sp => ActivatorUtilities.CreateInstance<BridgingRanker>(sp, sp.GetService<IRatingSource>() ?? NoRatingSource.Instance));
        services.AddSingleton<IRefittable>(sp => sp.GetRequiredService<BridgingRanker>());
        services.AddSingleton<CoordinationScores>();
        services.AddHostedService<BridgingRefitSchedule>();
    }

    // Without a host (tests, tools) relative paths are taken from the working directory, and the
    // environment counts as not Development.
    private static PluginLoader CreatePluginLoader(IServiceProvider sp)
    {
        var options = sp.GetRequiredService<IOptionsMonitor<RankingOptions>>().CurrentValue;
        var environment = sp.GetService<IHostEnvironment>();
        var log = sp.GetService<ILogger<PluginLoader>>() ?? NullLogger<PluginLoader>.Instance;
        var allowUnlisted = options.Plugins.AllowUnlisted && environment?.IsDevelopment() == true;
        if (options.Plugins.AllowUnlisted && !allowUnlisted)
            log.LogError("Middleware:Ranking:Plugins:AllowUnlisted is ignored in the {Environment} environment: only plugins listed in Middleware:Ranking:Plugins:Allowed load",
                environment?.EnvironmentName ?? "(no host)");
        return new PluginLoader(
            PluginLoader.ResolveFolder(options.PluginsPath, environment?.ContentRootPath ?? Directory.GetCurrentDirectory()),
            new PluginTrust(options.Plugins.Allowed, allowUnlisted),
            log);
    }
}
