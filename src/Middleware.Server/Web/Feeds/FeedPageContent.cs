using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Middleware.Core.Posts;
using Middleware.Server.Feeds.Cards;
using Middleware.Server.Feeds.Open;

namespace Middleware.Server.Web.Feeds;

/// <summary>What the feed page shows of one snapshot, made once per snapshot: the card (its history
/// and follower count read once, so at most <see cref="OpenFeedOptions.FreshSeconds"/> old) and each
/// post's sanitized HTML (sanitizing is the page's largest cost). Whether each post is still stored is
/// asked on every request, so a deleted post leaves the page at once.</summary>
internal sealed class FeedPageContent
{
    // Entries live as long as their snapshot, and no longer.
    private static readonly ConditionalWeakTable<FeedSnapshot, FeedPageContent> BySnapshot = new();

    private readonly ConcurrentDictionary<string, string> html = new(StringComparer.Ordinal);
    private Task<FeedCard>? card;

    public static FeedPageContent Of(FeedSnapshot snapshot) => BySnapshot.GetValue(snapshot, _ => new FeedPageContent());

    /// <summary>The card, built by the first request; a failed build is tried again by the next.</summary>
    public async Task<FeedCard> CardAsync(Func<Task<FeedCard>> build)
    {
        var task = Volatile.Read(ref card) ?? Interlocked.CompareExchange(ref card, build(), null) ?? card!;
        try
        {
            return await task;
        }
        catch
        {
            _ = Interlocked.CompareExchange(ref card, null, task);
            throw;
        }
    }

    /// <summary>The post's sanitized HTML, rendered once per snapshot (a post's content does not change
    /// within one: an edit arrives as a new version, and the next snapshot shows it).</summary>
    public string Html(Post post, PostHtml sanitizer) => html.GetOrAdd(post.Uri, _ => sanitizer.Render(post));
}
