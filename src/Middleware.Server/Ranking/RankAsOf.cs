using System.Globalization;

namespace Middleware.Server.Ranking;

/// <summary>The <c>asOf</c> of a ranking request: absent, a past moment, or a problem to report.</summary>
public readonly record struct RankAsOf(DateTimeOffset? Moment, string? Problem)
{
    /// <summary>An ISO 8601 time (UTC unless it gives an offset, as imports read times) not after
    /// <paramref name="now"/>: the future is not known yet.</summary>
    public static RankAsOf Parse(string? text, DateTimeOffset now)
    {
        if (text is null)
            return default;
        if (!DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var moment))
            return new RankAsOf(null, $"must be an ISO 8601 time such as 2026-11-26T09:30:00Z, not \"{Shorten(text)}\".");
        if (moment > now)
            return new RankAsOf(null, $"must not be in the future (it is {moment.ToUniversalTime():O}; now is {now:O}).");
        return new RankAsOf(moment.ToUniversalTime(), null);
    }

    private static string Shorten(string text) => text.Length <= 40 ? text : text[..40] + "…";
}
