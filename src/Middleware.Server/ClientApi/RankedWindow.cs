using Middleware.Core.Audit;

namespace Middleware.Server.ClientApi;

/// <summary>A ranked window of a person's home timeline, kept for a while so that paging through
/// it with rank cursors shows every status once.</summary>
/// <param name="Id">Random id, part of every rank cursor into this window.</param>
/// <param name="Ranked">The statuses in ranked order.</param>
/// <param name="NewestId">The home instance's id of the newest status in the window (for refreshes).</param>
/// <param name="OlderFromId">When the window was full: the home instance's id to continue from, in its
/// own order, after the last ranked status; null when the timeline ended inside the window.</param>
/// <param name="Ranker">The ranker that ordered it (after any fallback).</param>
public sealed record RankedWindow(string Id, IReadOnlyList<HomeStatus> Ranked, string? NewestId, string? OlderFromId, string Ranker)
{
    /// <summary>The feed that ranked the window (null for a ranker the person chose) and, for the audit, its
    /// public posts beside the same statuses newest first (ADR 0028).</summary>
    public (string Feed, AuditFrame Frame)? Audit { get; init; }

    /// <summary>Roughly what the window holds in memory (UTF-16 text plus a fixed overhead per status).</summary>
    public long Bytes { get; } = 1_024 + Ranked.Sum(s => 2L * (s.Json.Length + s.Candidate.Text.Length) + 512);

    private readonly Dictionary<string, int> positions = Ranked.Select((s, i) => (s.Id, i))
        .DistinctBy(p => p.Id).ToDictionary(p => p.Id, p => p.i, StringComparer.Ordinal);

    /// <summary>Where the status with this home instance id stands in the ranked order, or null.</summary>
    public int? PositionOf(string homeId) => positions.TryGetValue(homeId, out var position) ? position : null;
}

/// <summary>The cursor carried in <c>max_id</c>/<c>min_id</c> for a position in a ranked window:
/// <c>rk-{window}-{offset}</c>. Home-instance ids are digits, so the two never clash.</summary>
public readonly record struct RankCursor(string WindowId, int Offset)
{
    private const string Prefix = "rk-";

    public override string ToString() => $"{Prefix}{WindowId}-{Offset}";

    public static bool IsRankCursor(string? value) => value?.StartsWith(Prefix, StringComparison.Ordinal) == true;

    public static RankCursor? Parse(string? value)
    {
        if (!IsRankCursor(value))
            return null;
        var parts = value![Prefix.Length..].Split('-');
        return parts.Length == 2 && parts[0].Length is > 0 and <= 32 && int.TryParse(parts[1], out var offset) && offset >= 0
            ? new RankCursor(parts[0], offset)
            : null;
    }
}
