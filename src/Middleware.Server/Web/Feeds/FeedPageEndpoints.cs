using Middleware.ActivityPub.Actors;
using Middleware.Core.Audit;
using Middleware.Core.Feeds;
using Middleware.Core.Posts;
using Middleware.Server.Feeds.Cards;
using Middleware.Server.Feeds.Open;

namespace Middleware.Server.Web.Feeds;

/// <summary>The feed pages: <c>/feeds</c> (the directory of public feeds), <c>/feeds/{name}</c> (its
/// algorithm card, ranked posts with their explanation, and how to follow it) and
/// <c>/feeds/{name}/follow</c> (the remote-follow form's answer). Nothing here needs a sign-in or changes
/// anything, so the forms are GETs without antiforgery tokens.</summary>
public static class FeedPageEndpoints
{
    public static string PagePath(string feed) => $"/feeds/{Uri.EscapeDataString(feed)}";

    public static IEndpointRouteBuilder MapFeedPages(this IEndpointRouteBuilder app)
    {
        app.MapGet("/feeds", DirectoryAsync);
        // '/feeds/{name}.atom' (a complex segment) takes precedence over '{name}', and '/vote' and
        // '/follow' have a segment more, so none of them collide (tested).
        app.MapGet("/feeds/{name}", ShowAsync);
        app.MapGet("/feeds/{name}/follow", FollowAsync);
        return app;
    }

    private static async Task<IResult> DirectoryAsync(HttpContext http, PageFrames frames, IFeedStore store, FeedCards cards, CancellationToken ct)
    {
        var listings = new List<FeedListing>();
        foreach (var feed in (await store.ListAsync(ct)).Where(f => f.Public).OrderBy(f => f.Name, StringComparer.Ordinal))
            listings.Add(await cards.ListingAsync(feed, ct));
        return WebPage.Render<FeedDirectoryPage>(new Dictionary<string, object?>
        {
            [nameof(FeedDirectoryPage.Frame)] = frames.For(http), [nameof(FeedDirectoryPage.Feeds)] = listings,
        });
    }

    private static async Task<IResult> ShowAsync(string name, HttpContext http, PageFrames frames, PublicFeeds feeds,
        FeedSnapshotCache snapshots, FeedCards cards, IPostStore posts, PostHtml html, IServedPositionRecorder audit, TimeProvider clock,
        CancellationToken ct)
    {
        var frame = frames.For(http);
        if (await feeds.FindAsync(name, ct) is not { } feed)
            return Messages.NoFeed(frame, name);
        var snapshot = await snapshots.CurrentAsync(feed, ct);
        var content = FeedPageContent.Of(snapshot);
        // The snapshot's own feed: the version that ranked it (the current one, or the snapshot would not be current).
        var card = await content.CardAsync(() => cards.BuildAsync(snapshot.Feed, snapshot.Items, snapshot.RankedAt, CancellationToken.None));
        var shown = await content.PostsAsync(snapshot, posts, html, ct);
        if (snapshot.Audit.Serve(feed.Name, ServedSurface.Web, shown.Select(p => p.Position - 1), clock.GetUtcNow()) is { } served)
            audit.Record(served);
        // The follow form's answer redirects to the visitor's instance, and browsers hold that redirect
        // to form-action too (ADR 0017), so this page states none: its only form is that GET.
        return WebPage.Render<FeedPage>(new Dictionary<string, object?>
        {
            [nameof(FeedPage.Frame)] = frame, [nameof(FeedPage.Card)] = card, [nameof(FeedPage.Posts)] = shown,
            [nameof(FeedPage.RankedAt)] = snapshot.RankedAt,
        }, contentSecurityPolicy: WebPage.SignInContentSecurityPolicy);
    }

    /// <summary>A valid handle: a 303 to its instance's authorize_interaction page for the feed account.
    /// Anything else: a 400 page saying what is wrong, and no redirect.</summary>
    private static async Task<IResult> FollowAsync(string name, string? handle, HttpContext http, PageFrames frames, PublicFeeds feeds,
        LocalUrls urls, CancellationToken ct)
    {
        var frame = frames.For(http);
        if (await feeds.FindAsync(name, ct) is null)
            return Messages.NoFeed(frame, name);
        var (target, problem) = RemoteFollow.Target(handle, urls.Actor(name));
        if (target is null)
            return Messages.Show(frame, StatusCodes.Status400BadRequest, "Handle not recognised", problem!, PagePath(name), "Back to the feed");
        return WebPage.SeeOther(target.AbsoluteUri);
    }
}

/// <summary>A post of the ranking as the feed page shows it: its place, the post, its sanitized
/// content and why it is there.</summary>
public sealed record RankedPost(int Position, Post Post, string ContentHtml, Middleware.Ranking.Explanation Explanation);
