namespace Middleware.Server.Ranking;

/// <summary>The <c>Middleware:Candidates</c> section: how many stored posts a ranking considers.</summary>
public sealed class CandidateWindowOptions
{
    public const string Section = "Middleware:Candidates";

    /// <summary>Posts older than this are not candidates unless a request asks for more.</summary>
    public double MaxAgeHours { get; set; } = 72;

    /// <summary>At most this many of the newest posts are ranked at once.</summary>
    public int MaxCandidates { get; set; } = 10_000;
}
