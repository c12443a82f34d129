using Microsoft.Extensions.DependencyInjection;
using Middleware.Core.Accounts;
using Middleware.Core.Actors;
using Middleware.Core.Delivery;
using Middleware.Core.Follows;
using Middleware.Core.Inbox;
using Middleware.Core.Ingest;
using Middleware.Core.Posts;
using Middleware.Core.Signals;
using Middleware.Core.Sources;
using Middleware.Data.Migrations;

namespace Middleware.Data.Tests;

public sealed class DataServiceCollectionExtensionsTests
{
    [Theory]
    [InlineData(typeof(IPostStore))]
    [InlineData(typeof(IRemoteActorStore))]
    [InlineData(typeof(ILocalActorStore))]
    [InlineData(typeof(IFollowerStore))]
    [InlineData(typeof(ISourceStore))]
    [InlineData(typeof(IInboxStore))]
    [InlineData(typeof(IDeliveryQueue))]
    [InlineData(typeof(IChangeWriter))]
    [InlineData(typeof(IStatsReader))]
    [InlineData(typeof(IAccountFollowStore))]
    [InlineData(typeof(IPersonSignalStore))]
    [InlineData(typeof(IPersonDataStore))]
    [InlineData(typeof(Middleware.Core.Audit.IServedPositionStore))]
    [InlineData(typeof(IDbConnectionFactory))]
    [InlineData(typeof(MigrationRunner))]
    [InlineData(typeof(TimeProvider))]
    public void Every_store_is_registered_once_as_a_singleton(Type service)
    {
        var services = new ServiceCollection().AddMiddlewareData("Data Source=file:di?mode=memory&cache=shared");

        var descriptor = Assert.Single(services, d => d.ServiceType == service);
        Assert.Equal(ServiceLifetime.Singleton, descriptor.Lifetime);
    }
}
