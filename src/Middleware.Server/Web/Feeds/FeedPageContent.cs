using System.Runtime.CompilerServices;
using Middleware.Core.Posts;
using Middleware.Server.Feeds.Cards;
using Middleware.Server.Feeds.Open;

namespace Middleware.Server.Web.Feeds;

/// <summary>What the feed page shows of one snapshot, made once per snapshot: the card (history and
/// follower count read once, so at most <see cref="OpenFeedOptions.FreshSeconds"/> old) and the top
/// posts with their sanitized HTML (reading 20 posts and sanitizing them was most of a page's cost).
/// Which of them are still stored and public is asked on every request, in one query, so a deleted
/// post leaves the page at once; an edit shows with the next snapshot.</summary>
internal sealed class FeedPageContent
{
    // Entries live as long as their snapshot, and no longer.
    private static readonly ConditionalWeakTable<FeedSnapshot, FeedPageContent> BySnapshot = new();

    private readonly Once<FeedCard> card = new();
    private readonly Once<IReadOnlyList<RankedPost>> posts = new();

    public static FeedPageContent Of(FeedSnapshot snapshot) => BySnapshot.GetValue(snapshot, _ => new FeedPageContent());

    public Task<FeedCard> CardAsync(Func<Task<FeedCard>> build) => card.GetAsync(build);

    /// <summary>The top posts of the snapshot that are stored and public now.</summary>
    public async Task<IReadOnlyList<RankedPost>> PostsAsync(FeedSnapshot snapshot, IPostStore store, PostHtml html, CancellationToken ct)
    {
        var kept = await posts.GetAsync(async () =>
        {
            var read = new List<RankedPost>();
            foreach (var (item, i) in snapshot.Items.Take(FeedCards.TopPosts).Select((item, i) => (item, i)))
                if (await store.FindAsync(item.PostUri, CancellationToken.None) is { Post: { Visibility: Visibility.Public } post })
                    read.Add(new RankedPost(i + 1, post, html.Render(post), item.Explanation));
            return read;
        });
        var stored = await store.PublicOfAsync(kept.Select(p => p.Post.Uri).ToList(), ct);
        return kept.Where(p => stored.Contains(p.Post.Uri)).ToList();
    }

    /// <summary>The value the first caller builds; a failed build is tried again by the next caller.</summary>
    private sealed class Once<T> where T : class
    {
        private Task<T>? task;

        public async Task<T> GetAsync(Func<Task<T>> build)
        {
            var current = Volatile.Read(ref task);
            if (current is null)
            {
                var mine = build();
                current = Interlocked.CompareExchange(ref task, mine, null) ?? mine;
            }
            try
            {
                return await current;
            }
            catch
            {
                _ = Interlocked.CompareExchange(ref task, null, current);
                throw;
            }
        }
    }
}
