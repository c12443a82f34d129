using Middleware.Ranking.Engine;

namespace Middleware.Server.Ranking;

/// <summary>How a catalog entry looks in <c>GET /api/admin/rankers</c>.</summary>
internal static class RankerJson
{
    public static object Describe(RankerEntry entry, IRefittable? model) => new
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
        refittable = model is not null,
        lastRefit = model?.LastRefit is { } report ? Describe(report) : null,
    };

    public static object Describe(RefitReport report) => new
    {
        started = report.Started,
        durationMs = Math.Round(report.Duration.TotalMilliseconds),
        succeeded = report.Succeeded,
        error = report.Error,
        signals = report.Signals,
        ratings = report.Ratings,
        implicitNegatives = report.ImplicitNegatives,
        raters = report.Raters,
        posts = report.Posts,
        coordinatedGroups = report.CoordinatedGroups,
        accountsFlagged = report.AccountsFlagged,
        guardMilliseconds = Math.Round(report.GuardDuration.TotalMilliseconds),
        iterations = report.Iterations,
        finalLoss = report.FinalLoss,
    };
}
