using Middleware.Core.Ranking;
using Middleware.Ranking.Bridging;
using Middleware.Ranking.Coordination;

namespace Middleware.Ranking.Tests.Coordination;

/// <summary>A group found acting together counts as one voice on any post.</summary>
public sealed class OneVoiceTests
{
    private static readonly DateTimeOffset T0 = GuardCases.T0;

    [Fact]
    public void Members_share_one_voice_on_a_post_they_rated_together_and_keep_their_own_elsewhere()
    {
        var signals = new List<RatingSignal>();
        for (var m = 0; m < 4; m++)
            signals.Add(new RatingSignal($"https://x.example/users/m{m}", "target", RatingKind.Boost, T0));
        signals.Add(new RatingSignal("https://x.example/users/m0", "own", RatingKind.Favourite, T0));
        signals.Add(new RatingSignal("https://x.example/users/free", "target", RatingKind.Favourite, T0));
        var log = RatingLog.From(signals);
        var pairs = RatingPairs.Collapse(log, default);
        var group = new FoundGroup([0, 1, 2, 3], [], 20, ["test"], "burst");
        var groupOf = new[] { 0, 0, 0, 0, -1 };
        var options = new BridgingOptions { UnobservedWeight = 0.1 };

        var matrix = RatingMatrix.Build(pairs, new CoordinationResult(groupOf, [group]), options, default);

        var target = log.Posts.IndexOf("target");
        var byPost = matrix.ByPost;
        double members = 0, free = 0;
        for (var i = byPost.Start[target]; i < byPost.Start[target + 1]; i++)
        {
            if (!matrix.IsObserved(byPost.Entry[i]))
                continue;
            if (groupOf[byPost.Other[i]] == 0) members += byPost.Weight[i];
            else free += byPost.Weight[i];
        }
        Assert.Equal(1, members, 5);
        Assert.Equal(1, free, 5);
        var own = log.Posts.IndexOf("own");
        Assert.Equal(1, byPost.Weight[byPost.Start[own]], 5);
    }

    [Fact]
    public void A_snapshot_survives_storing_as_it_was()
    {
        var posts = new Dictionary<string, PostScore>
        {
            ["https://a.example/notes/1"] = new(0.41, -0.2, 12.5, 7, 5, 13, 4, 1),
            ["https://a.example/notes/2"] = new(-0.1, 0.3, 2, 1, 0, 1, 0, 0),
        };
        var group = new CoordinatedGroup("burst", 31.5, ["https://b.example/users/n1", "https://b.example/users/n2"],
            [new CoordinatedPost("https://a.example/notes/1", 2, T0, T0.AddMinutes(2))], ["two new accounts…"]);
        var snapshot = new BridgingSnapshot(posts, new SideProfile("side A", 10, "a.example", 0.7), new SideProfile("side B", 8, null, 0), 0.05, T0)
        {
            Groups = [group],
        };

        var read = SnapshotFormat.Read(SnapshotFormat.Write(snapshot));

        Assert.Equal(posts, read.Posts);
        Assert.Equal((snapshot.SideA, snapshot.SideB, 0.05, T0), (read.SideA, read.SideB, read.ColdStartScore, read.FittedAt));
        var g = Assert.Single(read.Groups);
        Assert.Equal((group.Kind, group.Score), (g.Kind, g.Score));
        Assert.Equal(group.Members, g.Members);
        Assert.Equal(group.Reasons, g.Reasons);
        Assert.Equal(group.Posts, g.Posts);
        Assert.Throws<InvalidDataException>(() => SnapshotFormat.Read([1, 2, 3]));
    }
}
