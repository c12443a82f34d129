using Middleware.Ranking.Engine;

namespace Middleware.Server.Ranking;

/// <summary>How a catalog entry looks in <c>GET /api/admin/rankers</c>.</summary>
internal static class RankerJson
{
    public static object Describe(RankerEntry entry) => new
    {
        id = entry.Id,
        origin = entry.Origin == RankerOrigin.BuiltIn ? "built-in" : "plugin",
        state = entry.State.ToString().ToLowerInvariant(),
        error = entry.Error,
        location = entry.Location,
        version = entry.Metadata?.Version,
        description = entry.Metadata?.Description,
        mainParameters = entry.Metadata?.MainParameters,
        usesProfiling = entry.Metadata?.UsesProfiling,
        parameters = entry.Metadata?.Parameters.Select(p => new
        {
            name = p.Name,
            type = p.Type.ToString().ToLowerInvariant(),
            @default = p.Default,
            description = p.Description,
            minimum = p.Minimum,
            maximum = p.Maximum,
        }),
    };
}
