using System.Runtime.CompilerServices;
using Middleware.Core.Feeds;
using Middleware.Core.Posts;
using Middleware.Core.Signals;
using Middleware.Ranking.Bridging;
using Middleware.Server.Feeds.Open;

namespace Middleware.Server.Web.Votes;

/// <summary>Where a person stands in a feed's vote: how many of its posts they voted on, of how many,
/// and the post to ask about next (null when they voted on all).</summary>
public sealed record Ballot(int Voted, int Total, PostView? Next);

/// <summary>The posts of a vote are the feed's current open-feed ranking (its sources, filters and
/// authors' consent applied), the same snapshot anonymous readers of the feed get. Their asking order
/// (<see cref="VoteOrder"/>) is worked out once per snapshot, with the bridging fit of that moment
/// (refits are minutes apart, snapshots seconds); each page then only skips what the person voted on.</summary>
public sealed class VoteBallots(FeedSnapshotCache snapshots, IPersonSignalStore signals, IPostStore posts, BridgingRanker bridging)
{
    private readonly ConditionalWeakTable<FeedSnapshot, IReadOnlyList<string>> orders = new();

    public async Task<Ballot> NextAsync(Feed feed, string person, CancellationToken ct)
    {
        var snapshot = await snapshots.CurrentAsync(feed, ct);
        var votes = await signals.VotesAsync(person, feed.Name, ct);
        var voted = votes.Keys.Count(uri => snapshot.PositionOf(uri) >= 0);
        foreach (var uri in VoteOrder.Unvoted(orders.GetValue(snapshot, s => VoteOrder.Order(s.Items, bridging.Evidence)), votes))
        {
            // A post deleted (or made non-public) since the ranking is skipped, not shown from memory.
            if (await posts.FindAsync(uri, ct) is { Post.Visibility: Visibility.Public } view)
                return new Ballot(voted, snapshot.Items.Count, view);
        }
        return new Ballot(voted, snapshot.Items.Count, null);
    }

    /// <summary>True when the post is in the feed's current ranking: only those can be voted on.</summary>
    public async Task<bool> InFeedAsync(Feed feed, string postUri, CancellationToken ct) =>
        (await snapshots.CurrentAsync(feed, ct)).PositionOf(postUri) >= 0;
}
