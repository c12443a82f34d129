namespace Middleware.Ranking.Coordination;

/// <summary>Upper tails of the Poisson and binomial distributions as base-10 logarithms, so chances
/// far below double's range (a botnet's 1e-40) still compare. Each tail is summed from its first term
/// until the terms no longer matter; the terms fall at least geometrically once past the mean.</summary>
internal static class Chance
{
    private static readonly double[] LogFactorials = BuildTable(4096);
    private static readonly double Ln10 = Math.Log(10);

    /// <summary>log10 P(X ≥ k) for X ~ Poisson(mean); 0 when k is not above the mean.</summary>
    public static double PoissonTail(int k, double mean)
    {
        if (k <= 0 || k <= mean)
            return 0;
        if (mean <= 0)
            return double.NegativeInfinity;
        var logTerm = k * Math.Log(mean) - mean - LogFactorial(k);
        double sum = 1, term = 1;
        for (var j = k + 1; j < k + 10_000; j++)
        {
            term *= mean / j;
            sum += term;
            if (term < 1e-17 * sum)
                break;
        }
        return Math.Min(0, (logTerm + Math.Log(sum)) / Ln10);
    }

    /// <summary>log10 P(X ≥ k) for X ~ Binomial(n, p); 0 when k is not above the mean.</summary>
    public static double BinomialTail(int k, int n, double p)
    {
        if (k <= 0 || k <= n * p)
            return 0;
        if (k > n)
            return double.NegativeInfinity;
        if (p <= 0)
            return double.NegativeInfinity;
        if (p >= 1)
            return 0;
        var logTerm = LogFactorial(n) - LogFactorial(k) - LogFactorial(n - k) + k * Math.Log(p) + (n - k) * Math.Log(1 - p);
        var ratio = p / (1 - p);
        double sum = 1, term = 1;
        for (var j = k; j < n; j++)
        {
            term *= (n - j) / (j + 1.0) * ratio;
            sum += term;
            if (term < 1e-17 * sum)
                break;
        }
        return Math.Min(0, (logTerm + Math.Log(sum)) / Ln10);
    }

    /// <summary>log10 P(X ≥ k) for X ~ BetaBinomial(n, a, b): k successes in n draws whose rate is not
    /// known exactly but believed to be Beta(a, b), as a rate estimated from a few observations is.
    /// Wider than the binomial with the same mean, so a thin baseline cannot make a fluke look certain.</summary>
    public static double BetaBinomialTail(int k, int n, double a, double b)
    {
        if (k <= 0 || k <= n * a / (a + b))
            return 0;
        if (k > n)
            return double.NegativeInfinity;
        // log pmf(j) = ln C(n, j) + ln B(j + a, n − j + b) − ln B(a, b); terms ratio:
        // pmf(j + 1) / pmf(j) = (n − j) / (j + 1) · (j + a) / (n − j − 1 + b).
        var logTerm = LogFactorial(n) - LogFactorial(k) - LogFactorial(n - k)
            + LogBeta(k + a, n - k + b) - LogBeta(a, b);
        double sum = 1, term = 1;
        for (var j = k; j < n; j++)
        {
            term *= (n - j) / (j + 1.0) * (j + a) / (n - j - 1 + b);
            sum += term;
            if (term < 1e-17 * sum)
                break;
        }
        return Math.Min(0, (logTerm + Math.Log(sum)) / Ln10);
    }

    private static double LogBeta(double a, double b) => LogGamma(a) + LogGamma(b) - LogGamma(a + b);

    /// <summary>ln Γ(x) for x &gt; 0 (Lanczos, g = 7, nine terms: about 15 correct digits).</summary>
    public static double LogGamma(double x)
    {
        if (x < 0.5)
            return Math.Log(Math.PI / Math.Abs(Math.Sin(Math.PI * x))) - LogGamma(1 - x);
        x -= 1;
        var sum = Lanczos[0];
        for (var i = 1; i < Lanczos.Length; i++)
            sum += Lanczos[i] / (x + i);
        var t = x + 7.5;
        return 0.5 * Math.Log(2 * Math.PI) + (x + 0.5) * Math.Log(t) - t + Math.Log(sum);
    }

    private static readonly double[] Lanczos =
    [
        0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
        12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
    ];

    /// <summary>ln(n!): a table for small n, Stirling's series beyond (error below 1e-10 there).</summary>
    public static double LogFactorial(int n)
    {
        if (n < LogFactorials.Length)
            return LogFactorials[n];
        double x = n;
        return x * Math.Log(x) - x + 0.5 * Math.Log(2 * Math.PI * x) + 1 / (12 * x) - 1 / (360 * x * x * x);
    }

    private static double[] BuildTable(int size)
    {
        var table = new double[size];
        for (var i = 2; i < size; i++)
            table[i] = table[i - 1] + Math.Log(i);
        return table;
    }
}
