using System.Globalization;
using System.Text;
using Middleware.Core.Audit;

namespace Middleware.Server.Audit;

/// <summary>The audit as CSV: one row per (dimension, key), every key.</summary>
public static class AuditCsv
{
    public const string Header = "dimension,key,feed_exposures,chronological_exposures,feed_share,chronological_share,amplification";

    public static string Write(AuditReport report)
    {
        var csv = new StringBuilder(Header).Append('\n');
        foreach (var (dimension, shares) in report.Dimensions())
            foreach (var s in shares)
                csv.Append(dimension).Append(',').Append(Field(s.Key)).Append(',')
                    .Append(s.Feed.ToString(CultureInfo.InvariantCulture)).Append(',')
                    .Append(s.Baseline.ToString(CultureInfo.InvariantCulture)).Append(',')
                    .Append(s.FeedShare.ToString("0.######", CultureInfo.InvariantCulture)).Append(',')
                    .Append(s.BaselineShare.ToString("0.######", CultureInfo.InvariantCulture)).Append(',')
                    .Append(s.Ratio?.ToString("0.####", CultureInfo.InvariantCulture) ?? "").Append('\n');
        return csv.ToString();
    }

    /// <summary>Keys come from other servers (a language tag is whatever the post said): quoted when needed,
    /// and a leading formula character is defused so a spreadsheet shows it instead of evaluating it.</summary>
    public static string Field(string value)
    {
        if (value.Length > 0 && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r')
            value = "'" + value;
        return value.IndexOfAny([',', '"', '\n', '\r']) < 0 ? value : "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
    }
}
