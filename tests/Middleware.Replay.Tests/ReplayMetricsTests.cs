namespace Middleware.Replay.Tests;

public sealed class ReplayMetricsTests
{
    [Theory]
    [InlineData(new double[] { 1, 1, 1, 1 }, 0)]
    [InlineData(new double[] { 0, 0, 0, 4 }, 0.75)]
    // Sorted 0, 0, 1, 3: Σ (2i − n − 1) xᵢ = 1·1 + 3·3 = 10; 10 / (4 · 4) = 0.625.
    [InlineData(new double[] { 3, 0, 1, 0 }, 0.625)]
    [InlineData(new double[] { 0, 0 }, 0)]
    [InlineData(new double[] { }, 0)]
    public void Gini_of_exposure(double[] values, double expected) =>
        Assert.Equal(expected, ReplayMetrics.Gini(values), 9);

    [Fact]
    public void Jaccard_is_the_shared_share_of_the_union()
    {
        Assert.Equal(0.5, ReplayMetrics.Jaccard(["a", "b", "c"], ["b", "c", "d"]));
        Assert.Equal(0, ReplayMetrics.Jaccard(["a"], ["b"]));
        Assert.Equal(1, ReplayMetrics.Jaccard([], []));
    }
}
