using Middleware.Core.Signals;
using Middleware.Ranking;
using Middleware.Ranking.Bridging;
using Middleware.Server.Web.Votes;

namespace Middleware.Server.Tests.Web;

/// <summary>Which post the vote page asks about next.</summary>
public sealed class VoteOrderTests
{
    private static readonly DateTimeOffset Fitted = DateTimeOffset.UnixEpoch;

    private static IReadOnlyList<RankedItem> Feed(params string[] posts) =>
        posts.Select((p, i) => new RankedItem(p, -i, new Explanation("test", "", []))).ToList();

    private static IReadOnlyList<string> Order(IReadOnlyList<RankedItem> feed, Dictionary<string, BridgingPostEvidence> known,
        Dictionary<string, SignalEvent>? votes = null) =>
        VoteOrder.Unvoted(VoteOrder.Order(feed, uri => known.GetValueOrDefault(uri)), votes ?? new()).ToList();

    [Fact]
    public void Without_evidence_the_feed_order_is_kept_and_voted_posts_are_skipped()
    {
        var votes = new Dictionary<string, SignalEvent> { ["b"] = SignalEvent.Pass, ["d"] = SignalEvent.Agree };
        Assert.Equal(["a", "c", "e"], Order(Feed("a", "b", "c", "d", "e"), new(), votes));
    }

    [Fact]
    public void Fewest_weighted_ratings_first_none_counting_as_zero()
    {
        var known = new Dictionary<string, BridgingPostEvidence>
        {
            ["a"] = new(9, 0.1, true, Fitted), ["b"] = new(2, 0, false, Fitted), ["c"] = new(0.5, 0, false, Fitted),
        };
        Assert.Equal(["d", "c", "b", "a"], Order(Feed("a", "b", "c", "d"), known));
    }

    [Fact]
    public void Then_the_least_settled_score_cold_start_first_then_nearest_zero()
    {
        var known = new Dictionary<string, BridgingPostEvidence>
        {
            ["a"] = new(6, 0.9, true, Fitted), ["b"] = new(6, -0.05, true, Fitted), ["c"] = new(6, 0.3, true, Fitted),
            ["d"] = new(6, 2.0, false, Fitted),
        };
        Assert.Equal(["d", "b", "c", "a"], Order(Feed("a", "b", "c", "d"), known));
    }

    [Fact]
    public void Ties_go_to_the_post_higher_in_the_feed()
    {
        var known = new Dictionary<string, BridgingPostEvidence> { ["x"] = new(3, 0.2, true, Fitted), ["y"] = new(3, -0.2, true, Fitted) };
        Assert.Equal(["y", "x"], Order(Feed("y", "x"), known));
        Assert.Equal(["x", "y"], Order(Feed("x", "y"), known));
    }
}
