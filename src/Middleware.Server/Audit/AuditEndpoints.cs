using Middleware.Core.Audit;
using Middleware.Server.Edges;
using Middleware.Server.Feeds.Open;

namespace Middleware.Server.Audit;

/// <summary><c>GET /api/v1/feeds/{name}/audit?from=&amp;to=</c>: the amplification audit as JSON.</summary>
public static class AuditEndpoints
{
    /// <summary>Keys listed per dimension in the JSON (all of them are in the CSV).</summary>
    public const int TopKeys = 100;

    /// <summary>What the feed exposed in [from, to) against chronological order of the same candidates at the
    /// same served positions (docs/audit.md): exposure share and amplification ratio by author, instance,
    /// language and flagged coordination group (the top <see cref="TopKeys"/> of each), concentration, deleted
    /// and mainly coordinated posts. Public feeds only; a private or unknown feed is 404. <c>from</c> and
    /// <c>to</c> are ISO 8601 dates or date-times (default: the last 7 days); a range that is unparsable,
    /// reversed or longer than 90 days is a 400 problem naming the parameter.</summary>
    public static async Task<IResult> GetAsync(string name, string? from, string? to, PublicFeeds feeds, AuditReports reports,
        TimeProvider clock, CancellationToken ct)
    {
        var (report, refusal) = await ReadAsync(name, from, to, feeds, reports, clock, ct);
        return refusal ?? TypedResults.Ok(Json(report!));
    }

    /// <summary>The report, or the refusal every audit form (JSON, page, CSV, plots) answers alike.</summary>
    public static async Task<(AuditReport? Report, IResult? Refusal)> ReadAsync(string name, string? from, string? to, PublicFeeds feeds,
        AuditReports reports, TimeProvider clock, CancellationToken ct)
    {
        var (range, field, problem) = AuditRange.Parse(from, to, clock.GetUtcNow());
        if (range is not { } r)
            return (null, BadRange(field!, problem!));
        if (await feeds.FindAsync(name, ct) is not { } feed)
            return (null, Problems.Result(StatusCodes.Status404NotFound, Problems.NotFound, "No such feed", $"There is no public feed '{name}'."));
        return (await reports.ForAsync(feed.Name, r, ct), null);
    }

    public static IResult BadRange(string field, string problem) =>
        Problems.Result(StatusCodes.Status400BadRequest, Problems.InvalidRequest, "Invalid audit range", $"{field}: {problem}",
            new Dictionary<string, object?> { ["field"] = field });

    private static object Part(PostGroupShare part) =>
        new { posts = part.Posts, feedShare = part.FeedShare, chronologicalShare = part.BaselineShare };

    private static object Json(AuditReport r) => new
    {
        feed = r.Feed, from = r.From, to = r.To,
        counting = "one exposure per served position; chronological: the post at the same position in the same candidates, newest first",
        feedExposures = r.FeedExposures, chronologicalExposures = r.BaselineExposures,
        concentration = new { feed = r.FeedConcentration, chronological = r.BaselineConcentration },
        deletedPosts = Part(r.Deleted), mainlyCoordinatedPosts = Part(r.MainlyCoordinated),
        dimensions = r.Dimensions().ToDictionary(d => d.Dimension, d => new
        {
            keys = d.Shares.Count,
            top = d.Shares.Take(TopKeys).Select(s => new
            {
                key = s.Key, feedExposures = s.Feed, chronologicalExposures = s.Baseline, feedShare = s.FeedShare,
                chronologicalShare = s.BaselineShare, amplification = s.Ratio,
            }),
        }),
    };
}
