using Middleware.Ranking.Coordination;
using Middleware.Core.Ranking;
using Middleware.Ranking.Bridging;

namespace Middleware.Ranking.Tests.Bridging;

[Collection(BridgingFitsCollection.Name)]
public sealed class BridgingModelTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 20, 12, 0, 0, TimeSpan.Zero);

    /// <summary>12 raters in A, 8 in B, every one rates every post (1 = favourite, 0 = disagree):
    /// "both" is liked by all, "a-only" by A, "b-only" by B, "none" by nobody.</summary>
    private static List<RatingSignal> TwoSidedMatrix()
    {
        var signals = new List<RatingSignal>();
        var hours = 0;
        for (var r = 0; r < 20; r++)
        {
            var inA = r < 12;
            var rater = inA ? $"https://a.example/users/{r}" : $"https://b.example/users/{r}";
            foreach (var (post, likes) in new[] { ("both", true), ("a-only", inA), ("b-only", !inA), ("none", false) })
                // Hours apart, so nobody looks like acting together.
                signals.Add(new RatingSignal(rater, post, likes ? RatingKind.Favourite : RatingKind.Disagree, T0.AddHours(hours++)));
        }
        return signals;
    }

    private static (FittedModel Model, RatingLog Log) Fit(IEnumerable<RatingSignal> signals, BridgingOptions? options = null)
    {
        options ??= new BridgingOptions();
        var log = RatingLog.From(signals);
        var pairs = RatingPairs.Collapse(log, default);
        var coordination = CoordinationGuard.Detect(pairs, log.Raters, log.Posts, CoordinationFacts.None, options.Coordination, default);
        return (BridgingModel.Fit(RatingMatrix.Build(pairs, coordination, options, default), options, default), log);
    }

    private static (double Intercept, double Factor) Post(FittedModel m, RatingLog log, string post)
    {
        var p = log.Posts.IndexOf(post);
        return (m.PostIntercept[p], m.PostFactor[p]);
    }

    [Fact]
    public void Recovers_the_intercept_and_factor_structure_of_a_two_sided_matrix()
    {
        var (m, log) = Fit(TwoSidedMatrix());
        var both = Post(m, log, "both");
        var aOnly = Post(m, log, "a-only");
        var bOnly = Post(m, log, "b-only");
        var none = Post(m, log, "none");

        // Liked by all beats liked by one side, which beats liked by none.
        Assert.True(both.Intercept > aOnly.Intercept + 0.2 && both.Intercept > bOnly.Intercept + 0.2, $"{both} {aOnly} {bOnly}");
        Assert.True(aOnly.Intercept > none.Intercept + 0.2 && bOnly.Intercept > none.Intercept + 0.2, $"{aOnly} {bOnly} {none}");
        // One-sided support is in the factor, with opposite signs; the larger side (A) is positive.
        Assert.True(aOnly.Factor > 0.1 && bOnly.Factor < -0.1, $"{aOnly} {bOnly}");
        Assert.True(Math.Abs(both.Factor) < 0.25 * Math.Abs(aOnly.Factor), $"{both} {aOnly}");
        for (var r = 0; r < log.Raters.Count; r++)
            Assert.Equal(log.Raters[r].Contains("a.example") ? 1 : -1, Math.Sign(m.RaterFactor[r]));
    }

    [Fact]
    public void The_same_data_and_seed_give_the_same_model_and_another_seed_the_same_orientation()
    {
        var (first, log) = Fit(TwoSidedMatrix());
        var (again, _) = Fit(TwoSidedMatrix());
        var (reseeded, _) = Fit(TwoSidedMatrix(), new BridgingOptions { Seed = 99 });

        Assert.Equal(first.PostIntercept, again.PostIntercept);
        Assert.Equal(first.RaterFactor, again.RaterFactor);
        // The factor's sign is fixed by the larger side, not by the random start.
        Assert.True(Post(reseeded, log, "a-only").Factor > 0);
        Assert.Equal(Post(first, log, "both").Intercept, Post(reseeded, log, "both").Intercept, tolerance: 0.01);
    }

    [Fact]
    public void Intercepts_regularised_more_than_factors_leave_one_sided_support_in_the_factor()
    {
        var (m, log) = Fit(TwoSidedMatrix());
        var (equal, _) = Fit(TwoSidedMatrix(), new BridgingOptions { InterceptLambda = 0.03, FactorLambda = 0.03 });

        // With cheaper intercepts, more of A's one-sided support lands in the intercept.
        Assert.True(Post(equal, log, "a-only").Intercept > Post(m, log, "a-only").Intercept);
    }

    [Fact]
    public void Stops_between_iterations_when_cancelled()
    {
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();
        var options = new BridgingOptions();
        var pairs = RatingPairs.Collapse(RatingLog.From(TwoSidedMatrix()), default);
        var matrix = RatingMatrix.Build(pairs, CoordinationResult.None(pairs.RaterCount), options, default);

        Assert.ThrowsAny<OperationCanceledException>(() => BridgingModel.Fit(matrix, options, cancelled.Token));
    }
}
