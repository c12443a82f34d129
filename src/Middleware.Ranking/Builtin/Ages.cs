namespace Middleware.Ranking.Builtin;

/// <summary>Ages in words for explanations.</summary>
internal static class Ages
{
    public static string Describe(TimeSpan age) => age.TotalMinutes switch
    {
        < 1 => "less than a minute",
        < 90 => $"{age.TotalMinutes:0} minutes",
        < 48 * 60 => $"{age.TotalHours:0} hours",
        _ => $"{age.TotalDays:0} days",
    };
}
