using Middleware.Core.Audit;
using Middleware.Core.Feeds;
using Middleware.Server.Feeds;

namespace Middleware.Server.Demo;

/// <summary>Simulated readers for the demo, so a newcomer's first audit page has something to count:
/// each demo feed is ranked once, as its pages would be served now, and a fixed set of readers open
/// it the way people read timelines: everyone sees the first page, fewer scroll on (ADR 0031). The
/// serves are recorded exactly as real ones are (ADR 0028): no reader is stored.</summary>
public sealed class DemoReaders(FeedRanker ranker, IServedPositionStore served, TimeProvider clock)
{
    public const int Readers = 200;
    public const int PageSize = 20;
    private const int MaxPages = 5;
    // The chance that a reader who finished a page opens the next one.
    private const double ScrollOn = 0.4;

    private static readonly ServedSurface[] Surfaces = [ServedSurface.Web, ServedSurface.Skeleton, ServedSurface.List, ServedSurface.Home];

    /// <summary>Records the readers' serves of every feed; returns how many positions were served.</summary>
    public async Task<int> ReadAsync(IReadOnlyList<Feed> feeds, CancellationToken ct)
    {
        var pages = new List<ServedPage>();
        for (var f = 0; f < feeds.Count; f++)
        {
            var feed = feeds[f];
            var ranking = await ranker.RankAsync(feed, viewer: null, limit: PageSize * MaxPages, ct);
            var at = clock.GetUtcNow();
            // A fixed seed per feed: the same demo gives the same audit.
            var random = new Random(17 + f);
            for (var reader = 0; reader < Readers; reader++)
            {
                var surface = Surfaces[reader % Surfaces.Length];
                for (var page = 0; page < MaxPages; page++)
                {
                    if (ranking.Audit.Serve(feed.Name, surface, page * PageSize, PageSize, at) is not { } serve)
                        break;
                    pages.Add(serve);
                    if (random.NextDouble() >= ScrollOn)
                        break;
                }
            }
        }
        await served.AppendAsync(pages, ct);
        return pages.Sum(p => p.Positions.Count);
    }
}
