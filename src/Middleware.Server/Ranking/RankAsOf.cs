using Middleware.Server.Admin;

namespace Middleware.Server.Ranking;

/// <summary>The <c>asOf</c> of a ranking request: absent, a past moment, or a problem to report.</summary>
public readonly record struct RankAsOf(DateTimeOffset? Moment, string? Problem)
{
    /// <summary>An ISO 8601 time not after <paramref name="now"/>: the future is not known yet.</summary>
    public static RankAsOf Parse(string? text, DateTimeOffset now)
    {
        if (text is null)
            return default;
        if (!IsoTime.TryParse(text, out var moment))
            return new RankAsOf(null, $"must be {IsoTime.Expected}, not \"{IsoTime.Shorten(text)}\".");
        if (moment > now)
            return new RankAsOf(null, $"must not be in the future (it is {moment:O}; now is {now:O}).");
        return new RankAsOf(moment, null);
    }
}
