using Middleware.Core.Feeds;
using Middleware.Core.Posts;
using Middleware.Ranking;
using Middleware.Server.Feeds;

namespace Middleware.Server.Web.Admin;

/// <summary>One ranked post as the recipe editor shows it: its place, words and why it is there.</summary>
public sealed record PreviewItem(int Position, string PostUri, string? Author, string Text, double Score, Explanation Explanation);

/// <summary>One column of the editor: a definition's ranking over the current candidates.</summary>
public sealed record PreviewColumn(string Heading, Feed Feed, int Candidates, string? Notice, IReadOnlyList<PreviewItem> Items);

/// <summary>Ranks a definition, saved or not, as the feed would rank it now (<see cref="FeedRanker"/>:
/// its sources, authors' consent, filters, ranker and fallback). Nothing is stored: ranking reads only.</summary>
public sealed class FeedPreview(FeedRanker ranker, IPostStore posts)
{
    public const int Limit = 20;

    public async Task<PreviewColumn> RankAsync(string heading, Feed feed, CancellationToken ct)
    {
        var ranking = await ranker.RankAsync(feed, viewer: null, Limit, ct);
        var items = new List<PreviewItem>(ranking.Outcome.Result.Items.Count);
        foreach (var (item, index) in ranking.Outcome.Result.Items.Select((item, index) => (item, index)))
        {
            var view = await posts.FindAsync(item.PostUri, ct);
            items.Add(new PreviewItem(index + 1, item.PostUri, view?.Post.AuthorUri, Shorten(view?.Post.ContentText ?? ""), item.Score, item.Explanation));
        }
        return new PreviewColumn(heading, feed, ranking.Candidates, ranking.Outcome.Result.Notice ?? ranking.Outcome.FallbackReason, items);
    }

    private static string Shorten(string text) => text.Length <= 280 ? text : string.Concat(text.AsSpan(0, 279), "…");
}
