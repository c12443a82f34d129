using System.Globalization;

namespace Middleware.Server.Admin;

/// <summary>Times in admin requests: ISO 8601, UTC unless an offset is given (as imports read them),
/// from 1970 to 9000. Years outside are typos or probes, and the arithmetic on them (a lookback, a
/// window before the moment) would overflow the calendar.</summary>
public static class IsoTime
{
    public const string Expected = "an ISO 8601 time from 1970 to 9000, such as 2026-11-26T09:30:00Z";

    public static bool TryParse(string text, out DateTimeOffset time)
    {
        var parsed = DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out time);
        time = time.ToUniversalTime();
        return parsed && time.Year is >= 1970 and <= 9000;
    }

    public static string Shorten(string text) => text.Length <= 40 ? text : text[..40] + "…";
}
