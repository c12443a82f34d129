using Middleware.Core.Audit;
using Middleware.Ranking;

namespace Middleware.Core.Tests.Audit;

public sealed class AuditFrameTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 6, 12, 0, 0, TimeSpan.Zero);

    private static Candidate Post(string uri, int minutesAgo) =>
        new() { PostUri = uri, Author = "A", Instance = "x", Language = "en", Published = Now.AddMinutes(-minutesAgo) };

    [Fact]
    public void The_baseline_of_position_p_is_the_pth_newest_of_all_candidates_not_of_the_ranked_ones()
    {
        // Candidates n1 (newest) … n4; the feed ranked the two oldest on top.
        var candidates = new[] { Post("n3", 3), Post("n1", 1), Post("n4", 4), Post("n2", 2) };
        var frame = AuditFrame.Of([ServedPost.Of(candidates[2]), ServedPost.Of(candidates[0])], candidates);

        var served = frame.Serve("news", ServedSurface.Skeleton, 0, 5, Now)!;

        Assert.Equal([0, 1], served.Positions.Select(p => p.Position));
        Assert.Equal(["n4", "n3"], served.Positions.Select(p => p.Post.Uri));
        Assert.Equal(["n1", "n2"], served.Positions.Select(p => p.Baseline!.Uri));
    }

    [Fact]
    public void Equal_times_are_ordered_by_uri_and_positions_outside_the_ranking_are_not_served()
    {
        var candidates = new[] { Post("b", 1), Post("a", 1) };
        var frame = AuditFrame.Of([ServedPost.Of(candidates[0]), null], candidates);

        var served = frame.Serve("news", ServedSurface.Web, [-1, 0, 1, 7], Now)!;

        var only = Assert.Single(served.Positions);
        Assert.Equal(("b", "a"), (only.Post.Uri, only.Baseline!.Uri));
        Assert.Null(frame.Serve("news", ServedSurface.Web, [1], Now));
    }

    [Fact]
    public void A_part_leaves_excluded_posts_out_of_both_orders()
    {
        var candidates = new[] { Post("n1", 1), Post("n2", 2), Post("n3", 3) };
        var frame = AuditFrame.Of(candidates.Reverse().Select(ServedPost.Of).ToList(), candidates);

        var part = frame.Part(["n3", "n2"], uri => uri == "n1");

        Assert.Equal(["n3", "n2"], part.Ranked.Select(p => p!.Uri));
        Assert.Equal(["n2", "n3"], part.Chronological.Select(p => p!.Uri));
    }
}
