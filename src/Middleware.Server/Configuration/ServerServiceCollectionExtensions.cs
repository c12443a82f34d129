using Middleware.ActivityPub;
using Middleware.ActivityPub.Actors;
using Middleware.ActivityPub.Http;
using Middleware.Core.Cluster;
using Middleware.Data;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Middleware.Core.Ranking;
using Middleware.Data.Ranking;
using Middleware.Ranking;
using Middleware.Ranking.Bridging;
using Middleware.Ranking.Coordination;
using Middleware.Server.Audit;
using Middleware.Server.Admin;
using Middleware.Server.ClientApi;
using Middleware.Server.Cluster;
using Middleware.Server.Delivery;
using Middleware.Server.Edges;
using Middleware.Server.Feeds;
using Middleware.Server.Feeds.Open;
using Middleware.Server.Inbox;
using Middleware.Server.Operations;
using Middleware.Server.Ranking;
using Middleware.Server.Retention;
using Middleware.Server.Sources;
using Middleware.Server.Web;

namespace Middleware.Server.Configuration;

public static class ServerServiceCollectionExtensions
{
    /// <summary>Everything the service needs, in the order data flows: storage, ActivityPub,
    /// inbox, delivery, sources, ranking, admin.</summary>
    public static IServiceCollection AddMiddleware(this IServiceCollection services, IConfiguration configuration)
    {
        var section = configuration.GetSection(MiddlewareOptions.Section);
        services.Configure<MiddlewareOptions>(section);
        services.Configure<OutboundHttpOptions>(section);
        services.PostConfigure<OutboundHttpOptions>(o => o.UserAgent = $"Middleware/{ServiceInfo.Version} (+{ServiceInfo.Repository})");

        var options = section.Get<MiddlewareOptions>() ?? new MiddlewareOptions();
        services.Configure<HostOptions>(o => o.ShutdownTimeout = options.ShutdownTimeout);
        services.AddMiddlewareTelemetry(configuration);
        services.AddEdges(configuration, options);
        var connectionString = DatabaseChoice.ConnectionString(configuration, options);
        var dialect = DatabaseChoice.Parse(options.Database) ?? SqlDialect.Sqlite;
        services.AddMiddlewareData(connectionString, dialect);
        services.AddActivityPub();
        services.AddSingleton(NodeIdentity.ForThisProcess(options.NodeId));
        services.Configure<ClusterOptions>(configuration.GetSection(ClusterOptions.Section));
        // Before the singleton work it gates, so it stops after that work when the host stops.
        services.AddLeadership(configuration, connectionString, dialect);
        services.AddSingleton<DataDirectoryLock>();
        services.AddSingleton<PublicUrlProvider>();
        services.AddSingleton<LocalUrls>(sp => sp.GetRequiredService<PublicUrlProvider>().Urls);

        services.AddSingleton<InboxSignal>();
        services.AddSingleton<InboxHandOff>();
        services.AddSingleton<DeliverySignal>();
        services.AddSingleton<InboxReceiver>();
        services.AddSingleton<InboxWriter>();
        services.AddHostedService(sp => sp.GetRequiredService<InboxWriter>());
        services.AddSingleton<InboxBackpressure>();
        services.AddHostedService(sp => sp.GetRequiredService<InboxBackpressure>());
        services.AddSingleton<InboxCommitter>();
        services.AddHostedService(sp => sp.GetRequiredService<InboxCommitter>());
        services.AddHostedService<InboxWorker>();

        services.AddSingleton<HostCircuitBreaker>();
        services.AddHostedService<DeliveryWorker>();

        services.AddSingleton<SourceSubscriptions>();
        services.AddSingleton<TimelinePoller>();
        services.AddHostedService(sp => sp.GetRequiredService<TimelinePoller>());

        services.AddRanking(configuration);
        // Several nodes may share a PostgreSQL database: each takes up the model another stored (ADR 0037).
        if (dialect == SqlDialect.PostgreSql)
            services.AddHostedService<BridgingModelFollower>();
        // Candidates carry the latest fit's coordination scores, for every ranker and feed filter.
        services.AddSingleton<CandidateStore>();
        services.Replace(ServiceDescriptor.Singleton<ICandidateStore>(sp =>
            new CoordinationScoredCandidates(sp.GetRequiredService<CandidateStore>(), sp.GetRequiredService<CoordinationScores>())));
        services.AddSingleton<FeedRanker>();
        services.AddSingleton<FeedDefinitionReader>();
        services.AddSingleton<FeedFollowerDelivery>();
        services.AddSingleton<FeedAccounts>();
        services.Configure<FeedBoostOptions>(configuration.GetSection(FeedBoostOptions.Section));
        services.AddSingleton<FeedBooster>();
        services.AddHostedService(sp => sp.GetRequiredService<FeedBooster>());
        services.Configure<CandidateWindowOptions>(configuration.GetSection(CandidateWindowOptions.Section));
        services.AddOpenFeeds(configuration);
        services.AddAudit(configuration);

        services.AddClientApi(configuration, options.DataDirectory);
        services.AddWebPages(configuration);

        services.AddSingleton<AdminToken>();
        services.AddSingleton<Demo.DemoSeeder>();
        services.AddSingleton<Demo.DemoReaders>();
        services.AddHostedService<InstanceActorSetup>();
        services.AddHostedService<StoreMaintenance>();
        services.AddHostedService<StartReport>();
        services.AddRetention(configuration);
        return services;
    }
}
