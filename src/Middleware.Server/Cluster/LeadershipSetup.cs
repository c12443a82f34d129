using Middleware.Core.Cluster;
using Middleware.Data;

namespace Middleware.Server.Cluster;

/// <summary>Registers this node's <see cref="ILeadership"/>: on PostgreSQL an election among the nodes
/// sharing the database; on SQLite the node is alone on its database (the data directory is locked to
/// one process), so it always leads.</summary>
public static class LeadershipSetup
{
    public static IServiceCollection AddLeadership(this IServiceCollection services, IConfiguration configuration,
        string connectionString, SqlDialect dialect)
    {
        // Checked before start with the other settings (StartChecks), one line an admin can act on.
        services.AddOptions<LeadershipOptions>().Bind(configuration.GetSection(LeadershipOptions.Section));
        if (dialect != SqlDialect.PostgreSql)
        {
            services.AddSingleton<ILeadership>(AlwaysLeading.Instance);
            return services;
        }

        services.AddSingleton(sp => ActivatorUtilities.CreateInstance<LeaderElection>(sp, connectionString));
        services.AddSingleton<ILeadership>(sp => sp.GetRequiredService<LeaderElection>());
        services.AddHostedService(sp => sp.GetRequiredService<LeaderElection>());
        return services;
    }
}
