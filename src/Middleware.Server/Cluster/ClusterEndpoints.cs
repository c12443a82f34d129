using Microsoft.Extensions.Options;
using Middleware.Core.Cluster;
using Middleware.Data;
using Middleware.Data.Cluster;

namespace Middleware.Server.Cluster;

/// <summary><c>GET /api/admin/cluster</c>: which node answered, whether it leads, and which node leads.</summary>
public static class ClusterEndpoints
{
    /// <summary>This node's id (<c>Middleware:NodeId</c> made unique per process), whether it leads the
    /// singleton work and since when, and the leader's id as the database knows it (PostgreSQL; on SQLite
    /// the one node always leads). The leader's id is cut to 63 characters by PostgreSQL.</summary>
    public static IEndpointRouteBuilder MapCluster(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/admin/cluster", async (NodeIdentity node, ILeadership leadership, IDbConnectionFactory db,
            IOptions<LeadershipOptions> options, CancellationToken ct) =>
        {
            var postgres = db.Dialect == SqlDialect.PostgreSql;
            var leader = postgres ? await LeaderLock.FindHolderAsync(db, options.Value.LockKey, ct) : node.Id;
            return TypedResults.Ok(new ClusterView(
                node.Id,
                leadership.IsLeading,
                (leadership as LeaderElection)?.LeadingSince,
                leader,
                postgres ? "postgres" : "sqlite"));
        });
        return app;
    }

    /// <summary>What <c>GET /api/admin/cluster</c> answers.</summary>
    public sealed record ClusterView(string Node, bool Leading, DateTimeOffset? LeadingSince, string? Leader, string Database);
}
