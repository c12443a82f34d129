using System.Text;
using Middleware.Core.Actors;
using Middleware.Server.Audit;
using Middleware.Server.Edges;
using Middleware.Server.Feeds.Open;
using Middleware.Server.Web.Feeds;

namespace Middleware.Server.Web.Audit;

/// <summary><c>/feeds/{name}/audit</c> (the audit as a page, plots as images), <c>/feeds/{name}/audit.csv</c>
/// and <c>/feeds/{name}/audit/{plot}.svg</c>; the same range parameters and refusals as the JSON.</summary>
public static class AuditPageEndpoints
{
    /// <summary>The page's own policy: the site's, plus its plot images from this site.</summary>
    public const string ContentSecurityPolicy = WebPage.ContentSecurityPolicy + "; img-src 'self'";

    /// <summary>Rows of each table on the page; the CSV has every key.</summary>
    public const int TableRows = 20;

    public static string PagePath(string feed) => FeedPageEndpoints.PagePath(feed) + "/audit";

    public static IEndpointRouteBuilder MapAuditPages(this IEndpointRouteBuilder app)
    {
        app.MapGet("/feeds/{name}/audit", ShowAsync).RequireRateLimiting(RateLimitPolicies.Audits);
        app.MapGet("/feeds/{name}/audit.csv", CsvAsync).RequireRateLimiting(RateLimitPolicies.Audits);
        app.MapGet("/feeds/{name}/audit/{plot}.svg", PlotAsync).RequireRateLimiting(RateLimitPolicies.Audits);
        return app;
    }

    private static async Task<IResult> ShowAsync(string name, string? from, string? to, HttpContext http, PageFrames frames, PublicFeeds feeds,
        AuditReports reports, IRemoteActorStore actors, TimeProvider clock, CancellationToken ct)
    {
        var frame = frames.For(http);
        var (range, field, problem) = AuditRange.Parse(from, to, clock.GetUtcNow());
        if (range is not { } r)
            return Messages.Show(frame, StatusCodes.Status400BadRequest, "Audit range not understood", $"{field}: {problem}", PagePath(name), "The last 7 days");
        if (await feeds.FindAsync(name, ct) is not { } feed)
            return Messages.NoFeed(frame, name);
        var report = await reports.ForAsync(feed.Name, r, ct);
        // Display names are the authors' own words from their servers: Razor escapes them on the page.
        var names = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var author in report.Authors.Take(TableRows))
            names[author.Key] = (await actors.FindAsync(author.Key, ct))?.DisplayName;
        return WebPage.Render<AuditPage>(new Dictionary<string, object?>
        {
            [nameof(AuditPage.Frame)] = frame, [nameof(AuditPage.Feed)] = feed, [nameof(AuditPage.Report)] = report,
            [nameof(AuditPage.Range)] = r, [nameof(AuditPage.AuthorNames)] = names,
        }, contentSecurityPolicy: ContentSecurityPolicy);
    }

    private static async Task<IResult> CsvAsync(string name, string? from, string? to, HttpContext http, PublicFeeds feeds, AuditReports reports,
        TimeProvider clock, CancellationToken ct)
    {
        var (report, refusal) = await AuditEndpoints.ReadAsync(name, from, to, feeds, reports, clock, ct);
        if (refusal is not null)
            return refusal;
        http.Response.Headers.ContentDisposition = $"attachment; filename=\"audit-{Slug(name)}.csv\"";
        http.Response.Headers.XContentTypeOptions = "nosniff";
        return TypedResults.Text(AuditCsv.Write(report!), "text/csv; charset=utf-8", Encoding.UTF8);
    }

    private static async Task<IResult> PlotAsync(string name, string plot, string? from, string? to, HttpContext http, PublicFeeds feeds,
        AuditReports reports, TimeProvider clock, CancellationToken ct)
    {
        if (!AuditPlots.Names.Contains(plot))
            return AuditEndpoints.BadRange("plot", $"is not one of {string.Join(", ", AuditPlots.Names)}.");
        var (report, refusal) = await AuditEndpoints.ReadAsync(name, from, to, feeds, reports, clock, ct);
        if (refusal is not null)
            return refusal;
        var headers = http.Response.Headers;
        // An SVG opened on its own is a document: it may style itself, and nothing else.
        headers.ContentSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'";
        headers.XContentTypeOptions = "nosniff";
        headers.CacheControl = "public, max-age=60";
        return TypedResults.Text(AuditPlots.Svg(report!, plot)!, "image/svg+xml; charset=utf-8", Encoding.UTF8);
    }

    /// <summary>Feed names are ours (letters, digits, dashes), but a file name is no place to find out.</summary>
    private static string Slug(string name) => new(name.Where(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_').ToArray());
}
