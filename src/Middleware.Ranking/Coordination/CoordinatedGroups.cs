using Middleware.Core.Ranking;
using Middleware.Ranking.Bridging;

namespace Middleware.Ranking.Coordination;

/// <summary>The guard's groups with account and post ids instead of refit indexes, for storing and showing.</summary>
internal static class CoordinatedGroups
{
    public static IReadOnlyList<CoordinatedGroup> Describe(CoordinationResult result, RatingLog log) =>
        result.Groups.Select(g => new CoordinatedGroup(
            g.Kind,
            Math.Round(g.Score, 1),
            g.Members.Select(m => log.Raters[m]).Order(StringComparer.Ordinal).ToList(),
            g.Posts.Select(p => new CoordinatedPost(log.Posts[p.Post], p.Members,
                DateTimeOffset.FromUnixTimeSeconds(p.First), DateTimeOffset.FromUnixTimeSeconds(p.Last))).ToList(),
            g.Reasons)).ToList();
}
