using Middleware.Core.Audit;
using ScottPlot;

namespace Middleware.Server.Audit;

/// <summary>The audit's plots as SVG, drawn on the server with ScottPlot. Only numbers and our own words
/// go into a plot: keys (names from other servers) stay in the page's table, where Razor escapes them,
/// and bars are labelled by their row number there.</summary>
public static class AuditPlots
{
    public const int Width = 720, Height = 360, TopBars = 10;

    /// <summary>The plots by the name in their URL.</summary>
    public static readonly IReadOnlyList<string> Names = ["authors", "instances", "lorenz"];

    public static string? Svg(AuditReport report, string plot) => plot switch
    {
        "authors" => Bars(report.Authors, "Top authors: share of exposure"),
        "instances" => Bars(report.Instances, "Top instances: share of exposure"),
        "lorenz" => Lorenz(report),
        _ => null,
    };

    /// <summary>Feed and chronological shares side by side for the feed's top keys, numbered as in the table.</summary>
    private static string Bars(IReadOnlyList<ExposureShare> shares, string title)
    {
        var plot = new Plot();
        var top = shares.Take(TopBars).ToList();
        var bars = new List<Bar>();
        var ticks = new List<Tick>();
        for (var i = 0; i < top.Count; i++)
        {
            bars.Add(new Bar { Position = i * 3 + 1, Value = top[i].FeedShare * 100, FillColor = Colors.C0 });
            bars.Add(new Bar { Position = i * 3 + 2, Value = top[i].BaselineShare * 100, FillColor = Colors.C1 });
            ticks.Add(new Tick(i * 3 + 1.5, $"#{i + 1}"));
        }
        plot.Add.Bars(bars);
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(ticks.ToArray());
        plot.Axes.Margins(bottom: 0);
        plot.Legend.ManualItems.Add(new LegendItem { LabelText = "feed", FillColor = Colors.C0 });
        plot.Legend.ManualItems.Add(new LegendItem { LabelText = "chronological", FillColor = Colors.C1 });
        plot.ShowLegend(Alignment.UpperRight);
        plot.Title(title);
        plot.YLabel("% of exposures");
        return plot.GetSvgXml(Width, Height);
    }

    /// <summary>Lorenz curves over authors: the share of exposure (y) held by the least exposed share of
    /// authors (x). The diagonal is perfect equality; the further below it, the more concentrated.</summary>
    private static string Lorenz(AuditReport report)
    {
        var plot = new Plot();
        var diagonal = plot.Add.Line(0, 0, 1, 1);
        diagonal.LegendText = "equal exposure";
        diagonal.Color = Colors.Gray;
        diagonal.LinePattern = LinePattern.Dashed;
        var feed = plot.Add.ScatterLine(Curve(report.Authors.Select(a => a.Feed)));
        feed.LegendText = "feed";
        feed.Color = Colors.C0;
        feed.LineWidth = 2;
        var chrono = plot.Add.ScatterLine(Curve(report.Authors.Select(a => a.Baseline)));
        chrono.LegendText = "chronological";
        chrono.Color = Colors.C1;
        chrono.LineWidth = 2;
        plot.ShowLegend(Alignment.UpperLeft);
        plot.Title("Concentration of exposure over authors (Lorenz curve)");
        plot.XLabel("share of authors, least exposed first");
        plot.YLabel("share of exposures");
        plot.Axes.SetLimits(0, 1, 0, 1);
        return plot.GetSvgXml(Width, Height);
    }

    /// <summary>Points (0,0) … (1,1) of the Lorenz curve of these counts.</summary>
    public static Coordinates[] Curve(IEnumerable<int> counts)
    {
        var sorted = counts.Order().ToArray();
        double total = sorted.Sum(c => (long)c);
        var points = new Coordinates[sorted.Length + 1];
        points[0] = new Coordinates(0, 0);
        double running = 0;
        for (var i = 0; i < sorted.Length; i++)
        {
            running += sorted[i];
            points[i + 1] = new Coordinates((i + 1.0) / sorted.Length, total == 0 ? 0 : running / total);
        }
        return points;
    }
}
