using System.Globalization;
using System.Text.Json;
using Middleware.Core.Audit;
using Middleware.Core.Feeds;
using Middleware.Ranking;

namespace Middleware.Server.Feeds.Open;

/// <summary>One page of a feed skeleton, as Bluesky's <c>getFeedSkeleton</c> answers: post ids in
/// order, and a cursor for the next page (null after the last). Each response adds a <c>reqId</c> of its
/// own (<see cref="SkeletonResponse"/>).</summary>
/// <param name="Feed">The posts of this page, best first.</param>
/// <param name="Cursor">Opaque; pass it back as <c>cursor</c> for the next page.</param>
public sealed record SkeletonPage(IReadOnlyList<SkeletonItem> Feed, string? Cursor);

/// <summary>One post in a skeleton page.</summary>
/// <param name="Post">The post's ActivityPub id.</param>
/// <param name="Score">The ranker's score; comparable only within one snapshot.</param>
/// <param name="Explanation">Why the post is here (and, after a fallback, why the order is chronological).</param>
/// <param name="FeedContext">Opaque (<see cref="Open.FeedContext"/>): which snapshot, feed version and
/// position served the post; send it back with interactions about it.</param>
public sealed record SkeletonItem(string Post, double Score, Explanation Explanation, string FeedContext);

/// <summary><c>GET /api/v1/feeds/{name}/skeleton?limit=&amp;cursor=</c>.</summary>
public static class FeedSkeleton
{
    public const int DefaultLimit = 30;
    public const int MaxLimit = 100;

    /// <summary>A first page (no cursor) comes from the feed's current snapshot (with a client API
    /// token, the snapshot ranked for that viewer); a cursor pages on through the snapshot it was given
    /// out for, whatever was stored or ranked since, and only for the reader it was given to.</summary>
    public static async Task<IResult> GetAsync(
        string name, string? limit, string? cursor, HttpRequest request, PublicFeeds feeds, FeedSnapshotCache snapshots,
        ViewerFeeds viewers, SkeletonCursorCodec codec, IServedPositionRecorder audit, TimeProvider clock, CancellationToken ct)
    {
        var size = DefaultLimit;
        if (limit is not null && (!int.TryParse(limit, NumberStyles.None, CultureInfo.InvariantCulture, out size) || size is < 1 or > MaxLimit))
            return OpenFeedErrors.BadRequest("limit", $"must be a whole number from 1 to {MaxLimit}.");
        var (viewer, unauthorized) = await viewers.ResolveAsync(request, ct);
        if (unauthorized is not null)
            return unauthorized;
        if (await feeds.FindAsync(name, ct) is not { } feed)
            return OpenFeedErrors.NoFeed(name);

        FeedSnapshot snapshot;
        var offset = 0;
        if (cursor is null)
        {
            snapshot = viewer is null ? await snapshots.CurrentAsync(feed, ct) : await viewers.CurrentAsync(feed, viewer, ct);
        }
        else
        {
            if (codec.Decode(cursor) is not { } position)
                return OpenFeedErrors.BadRequest("cursor", "is not a cursor this service gave out; start again without a cursor.");
            if ((snapshots.Find(position.SnapshotId) ?? viewers.Find(position.SnapshotId)
                 ?? await snapshots.FindSharedAsync(position.SnapshotId, feed, viewer?.Account!.ActorUri, ct)) is not { } kept)
                return OpenFeedErrors.BadRequest("cursor", "has expired (the ranking it pages through is no longer kept); start again without a cursor.");
            if (kept.Viewer != viewer?.Account!.ActorUri)
                return OpenFeedErrors.BadRequest("cursor", "was given to another reader (signed in or not); start again without a cursor.");
            if (kept.Feed.Name != feed.Name)
                return OpenFeedErrors.BadRequest("cursor", $"belongs to another feed, not '{feed.Name}'; start again without a cursor.");
            if (kept.Feed.Version != position.FeedVersion)
                return OpenFeedErrors.BadRequest("cursor", "belongs to an earlier version of this feed; start again without a cursor.");
            if (position.Offset > kept.Items.Count)
                return OpenFeedErrors.BadRequest("cursor", "points past the end of its ranking; start again without a cursor.");
            snapshot = kept;
            offset = position.Offset;
        }

        var json = snapshot.Page(offset, size, () => Render(snapshot, offset, size, codec));
        if (viewer is not null)
            await viewers.RecordServedAsync(viewer, snapshot, offset, size, ct);
        // The audit keeps what was served, never to whom (ADR 0028).
        if (snapshot.Audit.Serve(feed.Name, ServedSurface.Skeleton, offset, size, clock.GetUtcNow()) is { } served)
            audit.Record(served);
        return new SkeletonResponse(json);
    }

    private static byte[] Render(FeedSnapshot snapshot, int offset, int size, SkeletonCursorCodec codec)
    {
        var end = Math.Min(offset + size, snapshot.Items.Count);
        var page = new SkeletonItem[end - offset];
        for (var i = offset; i < end; i++)
            page[i - offset] = new SkeletonItem(snapshot.Items[i].PostUri, snapshot.Items[i].Score, snapshot.Items[i].Explanation,
                FeedContext.Encode(snapshot.Id, snapshot.Feed.Version, i));
        var next = end < snapshot.Items.Count ? codec.Encode(new SkeletonCursor(snapshot.Id, end, snapshot.Feed.Version)) : null;
        return JsonSerializer.SerializeToUtf8Bytes(new SkeletonPage(page, next), JsonSerializerOptions.Web);
    }
}
