using System.Text;

namespace Middleware.Replay;

/// <summary>The report's line plots, one per figure, drawn by ScottPlot as SVG.</summary>
internal static class ReportPlots
{
    public static string Svg(IReadOnlyList<ReplayHour> hours, IReadOnlyList<string> rankers, string title, string yLabel, Func<HourFigures, double?> figure)
    {
        var plot = new ScottPlot.Plot();
        var start = hours.Count == 0 ? DateTimeOffset.UnixEpoch : hours[0].At;
        var xs = hours.Select(h => (h.At - start).TotalHours).ToArray();
        foreach (var ranker in rankers)
        {
            var ys = hours.Select(h => figure(h.Figures[ranker]) ?? double.NaN).ToArray();
            if (ys.All(double.IsNaN))
                continue;
            var line = plot.Add.Scatter(xs, ys);
            line.LegendText = SafeText(ranker);
            line.MarkerSize = hours.Count > 48 ? 0 : 4;
        }
        plot.Title(SafeText(title));
        plot.XLabel($"hours since {start:yyyy-MM-dd HH:mm} UTC");
        plot.YLabel(SafeText(yLabel));
        plot.ShowLegend(ScottPlot.Edge.Right);
        return plot.GetSvgXml(900, 360);
    }

    /// <summary>Text drawn into the SVG: names from files may hold anything, and the SVG is put into
    /// the page as markup, so only plain characters go in (the table shows the name in full, escaped).</summary>
    internal static string SafeText(string text)
    {
        var safe = new StringBuilder(text.Length);
        foreach (var c in text.Length > 60 ? text[..60] : text)
            safe.Append(char.IsLetterOrDigit(c) || c is ' ' or '.' or '-' or '_' or ':' or '@' or '(' or ')' or '%' or '/' ? c : '?');
        return safe.ToString();
    }
}
