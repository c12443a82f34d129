using Middleware.Ranking.Coordination;

namespace Middleware.Ranking.Tests.Coordination;

public sealed class ChanceTests
{
    [Theory]
    [InlineData(3, 1.0)]
    [InlineData(10, 2.5)]
    [InlineData(40, 12.0)]
    public void Poisson_tail_matches_the_sum_of_its_terms(int k, double mean)
    {
        // Σ_{j ≥ k} e^−mean · mean^j / j!, summed term by term from j = 0 so no factorial overflows.
        double tail = 0, term = Math.Exp(-mean);
        for (var j = 0; j < k + 200; j++)
        {
            if (j >= k)
                tail += term;
            term *= mean / (j + 1);
        }
        Assert.Equal(Math.Log10(tail), Chance.PoissonTail(k, mean), 6);
    }

    [Fact]
    public void Binomial_tail_matches_exact_values()
    {
        // P(X ≥ 8 | 10, 1/2) = (45 + 10 + 1) / 1024.
        Assert.Equal(Math.Log10(56.0 / 1024), Chance.BinomialTail(8, 10, 0.5), 9);
        Assert.Equal(10 * Math.Log10(0.1), Chance.BinomialTail(10, 10, 0.1), 9);
    }

    [Fact]
    public void Beta_binomial_with_a_uniform_belief_is_uniform_over_the_counts()
    {
        // With Beta(1, 1) every count 0..n is equally likely: P(X ≥ k) = (n − k + 1) / (n + 1).
        Assert.Equal(Math.Log10(3.0 / 21), Chance.BetaBinomialTail(18, 20, 1, 1), 9);
        Assert.Equal(Math.Log10(1.0 / 21), Chance.BetaBinomialTail(20, 20, 1, 1), 9);
    }

    [Fact]
    public void Beta_binomial_is_wider_than_the_binomial_with_the_same_mean_and_narrows_with_more_evidence()
    {
        var binomial = Chance.BinomialTail(20, 50, 0.05);
        var thin = Chance.BetaBinomialTail(20, 50, 0.5, 9.5);
        var thick = Chance.BetaBinomialTail(20, 50, 500, 9500);

        Assert.True(thin > thick && thick >= binomial - 0.5, $"{thin} {thick} {binomial}");
        Assert.Equal(binomial, thick, 0);
    }

    [Fact]
    public void Tails_are_zero_at_or_below_the_mean_and_reach_far_below_double_range()
    {
        Assert.Equal(0, Chance.PoissonTail(2, 5));
        Assert.Equal(0, Chance.BinomialTail(5, 10, 0.5));
        Assert.True(Chance.PoissonTail(400, 0.5) < -400);
        Assert.Equal(double.NegativeInfinity, Chance.BinomialTail(3, 2, 0.5));
    }

    [Theory]
    [InlineData(0.5)]
    [InlineData(1)]
    [InlineData(7.25)]
    [InlineData(150)]
    public void Log_gamma_agrees_with_factorials_and_the_reflection_formula(double x)
    {
        if (x == Math.Floor(x))
            Assert.Equal(Chance.LogFactorial((int)x - 1), Chance.LogGamma(x), 9);
        Assert.Equal(Math.Log(Math.PI / Math.Sin(Math.PI * 0.25)), Chance.LogGamma(0.25) + Chance.LogGamma(0.75), 9);
        Assert.Equal(Chance.LogGamma(x) + Math.Log(x), Chance.LogGamma(x + 1), 9);
    }
}
