using System.Globalization;
using System.Net;
using System.Text;

namespace Middleware.Replay;

/// <summary>The self-contained HTML report: settings, the summary table and one plot per figure. Every
/// text that comes from the data or the command line is HTML-escaped; the plots carry plain text only.</summary>
internal static class ReplayReport
{
    public static string Html(ReplayArguments a, string source, IReadOnlyList<ReplayHour> hours, IReadOnlyList<string> rankers, bool hasTruth)
    {
        var summary = ReplaySummary.Of(hours, rankers);
        var html = new StringBuilder();
        html.Append("""
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8"><title>Replay report</title>
            <style>body{font-family:system-ui,sans-serif;max-width:1000px;margin:2em auto;padding:0 1em;color:#222}
            table{border-collapse:collapse}th,td{border:1px solid #ccc;padding:.3em .6em;text-align:right}
            th:first-child,td:first-child{text-align:left}figure{margin:1.5em 0}svg{max-width:100%;height:auto}</style>
            </head><body>
            <h1>Replay report</h1>
            """);
        html.Append(CultureInfo.InvariantCulture, $"<p>Data: {E(source)}. {hours.Count} rankings, every {a.StepHours} h from {E(Time(hours.FirstOrDefault()?.At))} to {E(Time(hours.LastOrDefault()?.At))}; ");
        html.Append(CultureInfo.InvariantCulture, $"each ranks the posts of the {a.WindowHours:0.##} hours before it (at most {a.MaxCandidates}) and shows the top {a.Top}. ");
        html.Append(CultureInfo.InvariantCulture, $"Each hour uses only what was known then: posts published and signals recorded before it, and a bridging model fitted on those alone (every {a.RefitHours} h; in between the last one serves).</p>\n");
        html.Append("<h2>Summary</h2>\n<table><thead><tr><th>ranker</th><th>mean Gini of author exposure</th><th>mean Jaccard with chronological</th>"
            + "<th>share shown from flagged groups</th><th>amplification of flagged groups (÷ chronological)</th>"
            + (hasTruth ? $"<th>mean precision@{a.Top} ({E(a.Relevant)})</th>" : "") + "<th>hours fallen back</th></tr></thead><tbody>\n");
        foreach (var s in summary)
        {
            var amplification = s.Amplification is { } x ? x.ToString("0.00", CultureInfo.InvariantCulture) : "n/a";
            var precision = !hasTruth ? "" : $"<td>{(s.MeanPrecision is { } p ? p.ToString("0.000", CultureInfo.InvariantCulture) : "n/a")}</td>";
            html.Append(CultureInfo.InvariantCulture,
                $"<tr><td>{E(s.Ranker)}</td><td>{s.MeanGini:0.000}</td><td>{s.MeanJaccard:0.000}</td><td>{s.FlaggedShare:0.000}</td><td>{amplification}</td>{precision}<td>{s.Fallbacks}</td></tr>\n");
        }
        html.Append("</tbody></table>\n");
        html.Append($"<p>Flagged groups are those the bridging model's coordination guard found as of each hour; a post counts as theirs when at least {ReplayMetrics.FlaggedScore:0%} of its endorsers belong to one. Amplification is n/a when chronological order showed none of their posts.</p>\n");

        Figure(html, ReportPlots.Svg(hours, rankers, "Exposure concentration", "Gini of author exposure", f => f.Gini), "Gini of author exposure in the top N, over the authors of all candidates (0: spread evenly, 1: one author).");
        Figure(html, ReportPlots.Svg(hours, rankers, "Overlap with chronological", "Jaccard of top N", f => f.Jaccard), "Jaccard overlap of each ranker's top N with chronological order's.");
        Figure(html, ReportPlots.Svg(hours, rankers, "Flagged coordinated groups", "share of top N", f => f.Shown == 0 ? 0 : (double)f.Flagged / f.Shown), "Share of the top N given to posts endorsed mainly by flagged coordinated groups.");
        if (hasTruth)
            Figure(html, ReportPlots.Svg(hours, rankers, "Accuracy", "precision@N", f => f.Precision), $"Share of the top N labelled {E(a.Relevant)} in the ground truth.");

        var fallbacks = hours.SelectMany(h => h.Fallbacks.Select(f => (h.At, f.Key, f.Value))).Take(20).ToList();
        if (fallbacks.Count > 0)
        {
            html.Append("<h2>Fallbacks</h2>\n<ul>\n");
            foreach (var (at, ranker, reason) in fallbacks)
                html.Append($"<li>{E(Time(at))} {E(ranker)}: {E(reason)}</li>\n");
            html.Append("</ul>\n");
        }
        html.Append("</body></html>\n");
        return html.ToString();
    }

    private static void Figure(StringBuilder html, string svg, string caption)
    {
        // ScottPlot writes an XML declaration first, which has no place inside an HTML page; and every
        // plot numbers its clip paths from the same start, while ids must be unique in the page.
        var start = svg.IndexOf("<svg", StringComparison.Ordinal);
        var prefix = $"f{html.Length}_";
        svg = (start >= 0 ? svg[start..] : svg).Replace("id=\"cl_", $"id=\"{prefix}cl_", StringComparison.Ordinal)
            .Replace("url(#cl_", $"url(#{prefix}cl_", StringComparison.Ordinal);
        html.Append("<figure>").Append(svg).Append("<figcaption>").Append(caption).Append("</figcaption></figure>\n");
    }

    private static string E(string? text) => WebUtility.HtmlEncode(text ?? "");

    private static string Time(DateTimeOffset? t) => t is { } moment ? moment.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture) : "";
}
