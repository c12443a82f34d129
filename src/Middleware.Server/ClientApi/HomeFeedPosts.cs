using Middleware.Core.Accounts;
using Middleware.Core.Feeds;
using Middleware.Server.Feeds.Open;

namespace Middleware.Server.ClientApi;

/// <summary>The posts a feed adds to the home timeline of a person who chose it: the top of the
/// feed's current ranking (its sources, consenting authors and filters; shared with the open feed
/// API, so adding them costs no ranking) that the home timeline does not already hold, each looked
/// up at the person's home instance (<c>GET /api/v2/search?resolve=true</c>, as an app does for a
/// pasted link) so that the app gets a Status with the home instance's own id, which favourites,
/// boosts and replies need (<see cref="HomeStatusLookup"/>). A post the instance cannot find in time is left out.</summary>
public sealed class HomeFeedPosts(FeedSnapshotCache snapshots, HomeStatusLookup lookup)
{
    /// <summary>Up to <see cref="Feed.HomeCandidates"/> statuses, in the feed's order.</summary>
    /// <param name="feed">The chosen feed.</param>
    /// <param name="account">Whose home instance looks the posts up.</param>
    /// <param name="upstreamToken">Their token there.</param>
    /// <param name="present">Post URIs already in the home timeline window.</param>
    /// <param name="followed">Authors the person follows (seen posting in their home timeline).</param>
    public async Task<IReadOnlyList<HomeStatus>> ReadAsync(Feed feed, ClientAccount account, string upstreamToken,
        IReadOnlySet<string> present, IReadOnlySet<string> followed, CancellationToken ct)
    {
        if (feed.HomeCandidates <= 0)
            return [];
        var snapshot = await snapshots.CurrentAsync(feed, ct);
        var wanted = snapshot.Items.Select(i => i.PostUri).Where(uri => !present.Contains(uri)).Take(feed.HomeCandidates).ToList();
        if (wanted.Count == 0)
            return [];

        var found = await lookup.FindAsync(account, upstreamToken, wanted, ct);
        return found.Select(f => f.Status).OfType<HomeStatus>()
            .Select(s => s with { Candidate = s.Candidate with { ViewerFollowsAuthor = followed.Contains(s.Candidate.Author) } })
            .ToList();
    }
}
