using System.Globalization;
using Microsoft.Extensions.Options;
using Middleware.Core.Ranking;
using Middleware.Ranking.Bridging;

namespace Middleware.Server.Ranking;

/// <summary><c>GET /api/admin/coordination/groups?from=&amp;to=&amp;limit=</c>: the groups of accounts the
/// coordination guard found in a time range, with their evidence, strongest first.</summary>
public static class CoordinationEndpoints
{
    public const int DefaultLimit = 100;
    public const int MaxLimit = 1000;

    public static async Task<IResult> GroupsAsync(string? from, string? to, string? limit, IModelFitStore fits,
        IOptions<BridgingOptions> options, TimeProvider clock, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        if (!TryTime(from, now - options.Value.Lookback, out var start))
            return Problem("from", "must be an ISO 8601 time such as 2026-11-26T09:30:00Z.");
        if (!TryTime(to, now, out var end))
            return Problem("to", "must be an ISO 8601 time such as 2026-11-26T09:30:00Z.");
        if (end < start)
            return Problem("to", "must not be before from.");
        var size = DefaultLimit;
        if (limit is not null && (!int.TryParse(limit, NumberStyles.None, CultureInfo.InvariantCulture, out size) || size is < 1 or > MaxLimit))
            return Problem("limit", $"must be a whole number from 1 to {MaxLimit}.");

        var groups = await fits.GroupsAsync(start, end, size, ct);
        return Results.Ok(new
        {
            from = start,
            to = end,
            groups = groups.Select(g => new
            {
                id = g.Id,
                kind = g.Group.Kind,
                score = g.Group.Score,
                accounts = g.Group.Members.Count,
                members = g.Group.Members,
                posts = g.Group.Posts.Select(p => new { post = p.Post, members = p.Members, first = p.First, last = p.Last }),
                firstAction = g.Group.FirstAction,
                lastAction = g.Group.LastAction,
                reasons = g.Group.Reasons,
                firstDetected = g.FirstDetected,
                lastDetected = g.LastDetected,
                detections = g.Detections,
            }),
        });
    }

    private static bool TryTime(string? text, DateTimeOffset fallback, out DateTimeOffset time)
    {
        time = fallback;
        return text is null || DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out time);
    }

    private static IResult Problem(string field, string problem) =>
        Results.BadRequest(new { error = $"{field}: {problem}", field });
}
