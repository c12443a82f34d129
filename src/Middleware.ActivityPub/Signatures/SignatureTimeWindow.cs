using System.Globalization;

namespace Middleware.ActivityPub.Signatures;

/// <summary>
/// Mastodon's freshness rule (SignedRequest#matches_time_window?): a signature is good until its expiry, which is
/// the given <c>expires</c> or else five minutes after creation, never more than 12 hours after creation; clocks
/// may disagree by an hour either way.
/// </summary>
public static class SignatureTimeWindow
{
    /// <summary>Longest lifetime honoured, whatever <c>expires</c> says (Mastodon's EXPIRATION_WINDOW_LIMIT).</summary>
    public static readonly TimeSpan ExpirationWindowLimit = TimeSpan.FromHours(12);

    /// <summary>Clock difference tolerated in both directions (Mastodon's CLOCK_SKEW_MARGIN).</summary>
    public static readonly TimeSpan ClockSkewMargin = TimeSpan.FromHours(1);

    /// <summary>Lifetime assumed when the signature gives no <c>expires</c> (Mastodon: created + 5 minutes).</summary>
    public static readonly TimeSpan DefaultLifetime = TimeSpan.FromMinutes(5);

    /// <summary>Returns why the times fall outside the window, or null when they are acceptable.</summary>
    internal static string? Check(DateTimeOffset? created, DateTimeOffset? expires, DateTimeOffset now)
    {
        if (created is { } createdAt)
        {
            var lastValid = expires ?? createdAt + DefaultLifetime;
            expires = lastValid < createdAt + ExpirationWindowLimit ? lastValid : createdAt + ExpirationWindowLimit;
            if (createdAt > now + ClockSkewMargin)
            {
                return SignatureErrors.InFuture;
            }
        }

        return expires is { } expiresAt && now > expiresAt + ClockSkewMargin ? SignatureErrors.OutsideTimeWindow : null;
    }

    /// <summary>
    /// Parses an HTTP date (RFC 9110 section 5.6.7: IMF-fixdate, RFC 850 or asctime). The weekday is skipped
    /// unchecked, as Ruby's Time.httpdate does, so a wrong weekday is no reason to refuse a request Mastodon accepts.
    /// </summary>
    internal static bool TryParseHttpDate(string text, out DateTimeOffset date)
    {
        var trimmed = text.Trim();
        var comma = trimmed.IndexOf(',');
        var space = trimmed.IndexOf(' ');
        var (rest, formats) = comma >= 0
            ? (trimmed[(comma + 1)..], new[] { "d MMM yyyy HH:mm:ss 'GMT'", "d-MMM-yy HH:mm:ss 'GMT'" })
            : (space >= 0 ? trimmed[(space + 1)..] : trimmed, new[] { "MMM d HH:mm:ss yyyy" });
        return DateTimeOffset.TryParseExact(
            rest.Trim(),
            formats,
            CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal | DateTimeStyles.AllowInnerWhite,
            out date);
    }

    /// <summary>Converts Unix seconds, clamping absurd values instead of throwing on them.</summary>
    internal static DateTimeOffset FromUnix(long seconds) =>
        DateTimeOffset.FromUnixTimeSeconds(Math.Clamp(seconds, -62_135_596_800L, 253_402_300_799L));
}
