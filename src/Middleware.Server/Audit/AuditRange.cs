using System.Globalization;

namespace Middleware.Server.Audit;

/// <summary>The range [From, To) an audit covers, read from the <c>from</c> and <c>to</c> query parameters.</summary>
public readonly record struct AuditRange(DateTimeOffset From, DateTimeOffset To)
{
    public static readonly TimeSpan DefaultLength = TimeSpan.FromDays(7);
    public static readonly TimeSpan MaxLength = TimeSpan.FromDays(90);

    /// <summary>Reads the range. Each is an ISO 8601 date or date and time (UTC unless it says otherwise); a
    /// date alone is that day's start as <c>from</c> and its end as <c>to</c>, so a range of dates includes both. Without <c>to</c>: the start of the next minute (so a default range is one cache
    /// key for a minute); without <c>from</c>: seven days before <c>to</c>. A refusal names the parameter.</summary>
    public static (AuditRange? Range, string? Field, string? Problem) Parse(string? from, string? to, DateTimeOffset now)
    {
        DateTimeOffset end, start;
        if (string.IsNullOrEmpty(to))
            end = new DateTimeOffset(now.UtcTicks - now.UtcTicks % TimeSpan.TicksPerMinute, TimeSpan.Zero).AddMinutes(1);
        else if (TryReadDate(to, out var lastDay))
            end = lastDay.AddDays(1);
        else if (!TryRead(to, out end))
            return (null, "to", "is not a date or date and time (ISO 8601, e.g. 2026-12-01 or 2026-12-01T12:00:00Z).");
        if (string.IsNullOrEmpty(from))
            start = end - DefaultLength;
        else if (TryReadDate(from, out var firstDay))
            start = firstDay;
        else if (!TryRead(from, out start))
            return (null, "from", "is not a date or date and time (ISO 8601, e.g. 2026-12-01 or 2026-12-01T12:00:00Z).");
        if (start >= end)
            return (null, "from", "must be before to.");
        if (end - start > MaxLength)
            return (null, "to", $"is more than {MaxLength.TotalDays:0} days after from; audit a shorter range.");
        return (new AuditRange(start, end), null, null);
    }

    /// <summary>The query string of this range, for links to the same audit in another form.</summary>
    public string Query => $"from={Uri.EscapeDataString(From.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture))}"
        + $"&to={Uri.EscapeDataString(To.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture))}";

    private static bool TryReadDate(string text, out DateTimeOffset day)
    {
        var isDate = DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            && date.Year is >= 2000 and <= 9000;
        day = isDate ? new DateTimeOffset(date.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero) : default;
        return isDate;
    }

    private static bool TryRead(string text, out DateTimeOffset at) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out at)
        // Years far out are typos or probes; they also overflow the range arithmetic.
        && at.Year is >= 2000 and <= 9000;
}
