using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Middleware.Core.Accounts;
using Middleware.Core.Actors;
using Middleware.Core.Audit;
using Middleware.Core.Cluster;
using Middleware.Core.Delivery;
using Middleware.Core.Follows;
using Middleware.Core.Feeds;
using Middleware.Core.Import;
using Middleware.Core.Inbox;
using Middleware.Core.Ingest;
using Middleware.Core.Posts;
using Middleware.Core.Ranking;
using Middleware.Core.Retention;
using Middleware.Core.Signals;
using Middleware.Core.Sources;
using Middleware.Data.Accounts;
using Middleware.Data.Actors;
using Middleware.Data.Audit;
using Middleware.Data.Cluster;
using Middleware.Data.Coordination;
using Middleware.Data.Delivery;
using Middleware.Data.Follows;
using Middleware.Data.Feeds;
using Middleware.Data.Import;
using Middleware.Data.Inbox;
using Middleware.Data.Ingest;
using Middleware.Data.Migrations;
using Middleware.Data.Posts;
using Middleware.Data.Ranking;
using Middleware.Data.Retention;
using Middleware.Data.Signals;
using Middleware.Data.Sources;

namespace Middleware.Data;

public static class DataServiceCollectionExtensions
{
    /// <summary>Registers the stores, the connection factory for <paramref name="dialect"/> (SQLite unless
    /// told otherwise) and the <see cref="MigrationRunner"/>.
    /// The host must run <see cref="ApplyMiddlewareDataMigrationsAsync"/> once before serving.</summary>
    public static IServiceCollection AddMiddlewareData(
        this IServiceCollection services, string connectionString, SqlDialect dialect = SqlDialect.Sqlite)
    {
        services.TryAddSingleton(TimeProvider.System);
        // The host names its node (Middleware:NodeId); a host that does not is one node of its own.
        services.TryAddSingleton(_ => NodeIdentity.ForThisProcess(null));
        if (dialect == SqlDialect.PostgreSql)
        {
            // Made when first asked for: a connection string Npgsql rejects is reported by the
            // host's start checks, not thrown while services are registered.
            services.AddSingleton<IDbConnectionFactory>(_ => new PostgresConnectionFactory(connectionString));
        }
        else
        {
            services.AddSingleton<IDbConnectionFactory>(new SqliteConnectionFactory(connectionString));
        }

        services.AddSingleton<MigrationRunner>();
        services.AddSingleton<WalCheckpointer>();

        services.AddSingleton<IPostStore, PostStore>();
        services.AddSingleton<IRemoteActorStore, RemoteActorStore>();
        services.AddSingleton<ILocalActorStore, LocalActorStore>();
        services.AddSingleton<IFollowerStore, FollowerStore>();
        services.AddSingleton<ISourceStore, SourceStore>();
        services.AddSingleton<IInboxStore, InboxStore>();
        services.AddSingleton<IInboxClaims, InboxClaims>();
        services.AddSingleton<IDeliveryQueue, DeliveryQueue>();
        services.AddSingleton<IDeliveryClaims, DeliveryClaims>();
        services.AddSingleton<IChangeWriter, ChangeWriter>();
        services.AddSingleton<IStatsReader, StatsReader>();
        services.AddSingleton<ICandidateStore, CandidateStore>();
        services.AddSingleton<IRatingSource, RatingSource>();
        services.AddSingleton<IAccountEvidenceSource, AccountEvidenceSource>();
        services.AddSingleton<IAsOfSources, AsOfSources>();
        services.AddSingleton<IModelFitStore, ModelFitStore>();
        services.AddSingleton<SharedWindowStore>();
        services.AddSingleton<IRefitHistory, RefitHistory>();
        services.AddSingleton<ISignalRecorder, SignalRecorder>();
        services.AddSingleton<IImportStore, ImportStore>();
        services.AddSingleton<IExportSource, ExportSource>();
        services.AddSingleton<IFeedStore, FeedStore>();
        services.AddSingleton<IDiscoveryConsent, DiscoveryConsentStore>();
        services.AddSingleton<IFeedBoostStore, FeedBoostStore>();
        services.AddSingleton<IClientAppStore, ClientAppStore>();
        services.AddSingleton<IClientAccountStore, ClientAccountStore>();
        services.AddSingleton<IOAuthGrantStore, OAuthGrantStore>();
        services.AddSingleton<IUpstreamRegistrationStore, UpstreamRegistrationStore>();
        services.AddSingleton<IAccountFollowStore, AccountFollowStore>();
        services.AddSingleton<IPersonSignalStore, PersonSignalStore>();
        services.AddSingleton<IPersonDataStore, PersonDataStore>();
        services.AddSingleton<IWebSessionStore, WebSessionStore>();
        services.AddSingleton<IServedPositionStore, ServedPositionStore>();
        services.AddSingleton<IVoteConsentStore, VoteConsentStore>();
        services.AddSingleton<IRetentionStore, RetentionStore>();
        return services;
    }

    /// <summary>Brings the schema up to date; safe to call on every start.</summary>
    public static Task<IReadOnlyList<string>> ApplyMiddlewareDataMigrationsAsync(
        this IServiceProvider services, CancellationToken ct = default) =>
        services.GetRequiredService<MigrationRunner>().ApplyAsync(ct);
}
