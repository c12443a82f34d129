using Middleware.Data.Cluster;
using Middleware.Server.Feeds.Cards;

namespace Middleware.Server.Feeds.Open;

public static class OpenFeedServiceCollectionExtensions
{
    /// <summary>The open feed API: snapshots of rankings, cursors through them, feed cards and Atom.</summary>
    public static IServiceCollection AddOpenFeeds(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<OpenFeedOptions>(configuration.GetSection(OpenFeedOptions.Section));
        services.AddSingleton<SnapshotRanker>();
        services.AddSingleton<FeedSnapshotCache>();
        services.AddSingleton<ViewerFeeds>();
        services.AddSingleton<SharedSnapshots>();
        services.AddSingleton(sp => SharedSnapshots.Codec(sp.GetRequiredService<SharedWindowStore>()));
        services.AddSingleton<PublicFeeds>();
        services.AddSingleton<FeedCards>();
        return services;
    }
}
