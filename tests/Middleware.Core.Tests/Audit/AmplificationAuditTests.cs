using Middleware.Core.Audit;

namespace Middleware.Core.Tests.Audit;

public sealed class AmplificationAuditTests
{
    private static readonly DateTimeOffset From = new(2026, 12, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset To = From.AddDays(7);

    // Three posts, 10 served positions under each order:
    //   a1 by A (host x, en, in group 7, 80% of endorsers flagged): feed 6, chronological 2
    //   b1 by B (host x, en, deleted since):                          feed 3, chronological 3
    //   c1 by C (host y, nl):                                          feed 1, chronological 5
    private static readonly PostExposure[] Case =
    [
        new("a1", "A", "x", "en", 0.8, Deleted: false, Groups: [7], Feed: 6, Baseline: 2),
        new("b1", "B", "x", "en", 0.5, Deleted: true, Groups: [], Feed: 3, Baseline: 3),
        new("c1", "C", "y", "nl", 0.0, Deleted: false, Groups: [], Feed: 1, Baseline: 5),
    ];

    private static AuditReport Report() => AmplificationAudit.Compute("news", From, To, Case);

    private static void AssertShare(ExposureShare share, string key, double feed, double chronological, double? ratio)
    {
        Assert.Equal(key, share.Key);
        Assert.Equal(feed, share.FeedShare, 6);
        Assert.Equal(chronological, share.BaselineShare, 6);
        if (ratio is null)
            Assert.Null(share.Ratio);
        else
            Assert.Equal(ratio.Value, share.Ratio!.Value, 6);
    }

    [Fact]
    public void Shares_and_amplification_by_author_instance_language_and_group_match_the_hand_computation()
    {
        var report = Report();

        Assert.Equal(10, report.FeedExposures);
        Assert.Equal(10, report.BaselineExposures);
        // Authors: A 6/10 vs 2/10 → 3; B 3/10 vs 3/10 → 1; C 1/10 vs 5/10 → 0.2 (ordered by feed exposure).
        Assert.Equal(3, report.Authors.Count);
        AssertShare(report.Authors[0], "A", 0.6, 0.2, 3.0);
        AssertShare(report.Authors[1], "B", 0.3, 0.3, 1.0);
        AssertShare(report.Authors[2], "C", 0.1, 0.5, 0.2);
        // Instances: x = A + B = 9/10 vs 5/10 → 1.8; y = C = 1/10 vs 5/10 → 0.2.
        AssertShare(report.Instances[0], "x", 0.9, 0.5, 1.8);
        AssertShare(report.Instances[1], "y", 0.1, 0.5, 0.2);
        // Languages: en 0.9 vs 0.5, nl 0.1 vs 0.5.
        AssertShare(report.Languages[0], "en", 0.9, 0.5, 1.8);
        AssertShare(report.Languages[1], "nl", 0.1, 0.5, 0.2);
        // Groups: group 7 = A = 0.6 vs 0.2 → 3; none = B + C = 0.4 vs 0.8 → 0.5.
        AssertShare(report.CoordinationGroups[0], "group 7", 0.6, 0.2, 3.0);
        AssertShare(report.CoordinationGroups[1], "none", 0.4, 0.8, 0.5);
    }

    [Fact]
    public void Concentration_matches_the_hand_computation()
    {
        var report = Report();

        // Feed counts ascending 1, 3, 6 (n 3, total 10): Σ i·x = 1 + 6 + 18 = 25; G = 2·25/30 − 4/3 = 1/3.
        Assert.Equal(1 / 3.0, report.FeedConcentration.Gini, 6);
        // Chronological 2, 3, 5: Σ i·x = 2 + 6 + 15 = 23; G = 46/30 − 40/30 = 0.2.
        Assert.Equal(0.2, report.BaselineConcentration.Gini, 6);
        // Top 1% of 3 authors is one author: 6/10 and 5/10.
        Assert.Equal(0.6, report.FeedConcentration.Top1PercentShare, 6);
        Assert.Equal(0.5, report.BaselineConcentration.Top1PercentShare, 6);
        // 1/Σ share²: 1/(0.36 + 0.09 + 0.01) = 1/0.46; 1/(0.04 + 0.09 + 0.25) = 1/0.38.
        Assert.Equal(1 / 0.46, report.FeedConcentration.EffectiveAuthors, 6);
        Assert.Equal(1 / 0.38, report.BaselineConcentration.EffectiveAuthors, 6);
    }

    [Fact]
    public void Deleted_and_mainly_coordinated_posts_match_the_hand_computation()
    {
        var report = Report();

        // b1 was deleted: 3/10 under both orders.
        Assert.Equal(new PostGroupShare(1, 0.3, 0.3), report.Deleted);
        // Only a1 is over half (0.8); b1's 0.5 is not more than half: 6/10 vs 2/10.
        Assert.Equal(1, report.MainlyCoordinated.Posts);
        Assert.Equal(0.6, report.MainlyCoordinated.FeedShare, 6);
        Assert.Equal(0.2, report.MainlyCoordinated.BaselineShare, 6);
    }

    [Fact]
    public void A_key_only_the_feed_exposed_has_no_ratio_and_zeros_count_in_the_concentration()
    {
        // E only under the feed (2), F only under chronological (2).
        var report = AmplificationAudit.Compute("news", From, To,
        [
            new("e1", "E", "x", null, 0, false, [], Feed: 2, Baseline: 0),
            new("f1", "F", "x", null, 0, false, [], Feed: 0, Baseline: 2),
        ]);

        AssertShare(report.Authors[0], "E", 1.0, 0.0, null);
        AssertShare(report.Authors[1], "F", 0.0, 1.0, 0.0);
        AssertShare(Assert.Single(report.Languages), AmplificationAudit.NoLanguage, 1.0, 1.0, 1.0);
        // Counts 0, 2 over both authors: Σ i·x = 4; G = 2·4/(2·2) − 3/2 = 0.5; one author holds all: effective 1.
        Assert.Equal(0.5, report.FeedConcentration.Gini, 6);
        Assert.Equal(1.0, report.FeedConcentration.EffectiveAuthors, 6);
    }

    [Fact]
    public void Nothing_served_gives_zeros_not_divisions_by_zero()
    {
        var report = AmplificationAudit.Compute("news", From, To, []);

        Assert.Equal(0, report.FeedExposures);
        Assert.Empty(report.Authors);
        Assert.Equal(new Concentration(0, 0, 0), report.FeedConcentration);
        Assert.Equal(new PostGroupShare(0, 0, 0), report.Deleted);
    }
}
