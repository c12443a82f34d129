using Microsoft.Extensions.Options;
using Middleware.ActivityPub.Actors;
using Middleware.Core.Actors;
using Middleware.Core.Feeds;
using Middleware.Core.Posts;
using Middleware.Ranking;

namespace Middleware.Server.Feeds.Open;

/// <summary><c>GET /feeds/{name}.atom</c>: the top of a feed's current snapshot for feed readers.</summary>
public static class FeedAtom
{
    public const string ContentType = "application/atom+xml; charset=utf-8";

    public static async Task<IResult> GetAsync(
        string name, PublicFeeds feeds, FeedSnapshotCache snapshots, IPostStore posts, IRemoteActorStore actors, LocalUrls urls,
        IOptions<OpenFeedOptions> options, CancellationToken ct)
    {
        if (await feeds.FindAsync(name, ct) is not { } feed)
            return OpenFeedErrors.NoFeed(name);
        var snapshot = await snapshots.CurrentAsync(feed, ct);

        var shown = new List<(PostView View, Explanation Explanation)>();
        foreach (var item in snapshot.Items.Take(Math.Clamp(options.Value.AtomEntries, 1, 100)))
        {
            // A post deleted since the ranking is left out rather than shown from memory.
            if (await posts.FindAsync(item.PostUri, ct) is { } view)
                shown.Add((view, item.Explanation));
        }
        var names = await AuthorNames.OfAllAsync(shown.Select(s => s.View.Post.AuthorUri), actors, ct);
        var entries = shown.Select(s => new AtomEntry(s.View.Post, s.Explanation, names[s.View.Post.AuthorUri])).ToList();
        var atom = new AtomFeed(
            Id: OpenFeedCard.AtomUrl(urls, feed.Name),
            Title: feed.DisplayName,
            Subtitle: feed.Description,
            SelfUrl: OpenFeedCard.AtomUrl(urls, feed.Name),
            AlternateUrl: OpenFeedCard.CardUrl(urls, feed.Name),
            Updated: snapshot.RankedAt,
            Entries: entries);
        return TypedResults.Bytes(AtomFeedWriter.Write(atom), ContentType);
    }
}
