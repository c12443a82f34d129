using Microsoft.Extensions.Options;
using Middleware.Core.Feeds;
using Middleware.Ranking;
using Middleware.Ranking.Engine;

namespace Middleware.Server.Feeds.Open;

/// <summary>Ranks a feed into a snapshot, for everyone (no viewer) or for one signed-in viewer.</summary>
public sealed class SnapshotRanker(FeedRanker ranker, IOptions<OpenFeedOptions> options)
{
    /// <summary>Invalid stored parameters must not take a public feed down: it is ranked
    /// chronologically instead, and every explanation says why, as for any other fallback.</summary>
    public async Task<FeedRanking> RankAsync(Feed feed, string? viewer, CancellationToken ct)
    {
        var size = Math.Clamp(options.Value.SnapshotSize, 1, 10_000);
        try
        {
            return await ranker.RankAsync(feed, viewer, size, ct);
        }
        catch (RankerParameterException e)
        {
            var reason = $"The feed's parameters for the ranker '{feed.Ranker}' are invalid ({e.Field}: {e.Problem}); chronological order instead.";
            var fallback = await ranker.RankAsync(feed with { Ranker = "chronological", ParametersJson = "{}" }, viewer, size, ct);
            var items = fallback.Outcome.Result.Items
                .Select(i => i with { Explanation = i.Explanation with { Fallback = reason } }).ToList();
            var outcome = new RankingOutcome(new RankingResult(items) { Notice = reason }, fallback.Outcome.Ranker, reason);
            return fallback with { Feed = feed, Outcome = outcome };
        }
    }
}
