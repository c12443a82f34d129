namespace Middleware.Ranking.Bridging;

/// <summary>A fitted bridging model: rating ≈ μ + i_rater + i_post + f_rater · f_post.</summary>
internal sealed record FittedModel(double Mu, double[] RaterIntercept, double[] RaterFactor, double[] PostIntercept, double[] PostFactor, int Iterations, double Loss);

/// <summary>Fits Community Notes' one-dimensional matrix factorisation by alternating least squares.
/// The objective is theirs: weighted mean squared error plus λ_intercept times the mean square of
/// each intercept group (and μ²) plus λ_factor times the mean square of each factor group. With the
/// post parameters fixed, each rater's (intercept, factor) is a 2×2 ridge regression with a closed
/// form, and the same holds for posts, so every half-step lowers the objective exactly, needs no
/// learning rate and gives the same result for the same input and seed.</summary>
/// <remarks>Because intercepts are regularised 5× more than factors, support that correlates with the
/// factor (one side of the divide) is cheaper to explain with the factor; what remains in the post
/// intercept is approval that the divide does not explain.</remarks>
internal static class BridgingModel
{
    public static FittedModel Fit(RatingMatrix m, BridgingOptions options, CancellationToken ct)
    {
        var raterIntercept = new double[m.Raters];
        var raterFactor = new double[m.Raters];
        var postIntercept = new double[m.Posts];
        var postFactor = new double[m.Posts];
        var random = new Random(options.Seed);
        for (var p = 0; p < m.Posts; p++)
            postFactor[p] = random.NextDouble() - 0.5;

        var totalWeight = m.TotalWeight;
        if (totalWeight <= 0)
            return new FittedModel(0, raterIntercept, raterFactor, postIntercept, postFactor, 0, 0);

        // The mean-square penalties, multiplied out of the weighted mean error, become per-parameter
        // ridge terms scaled by the average weight per rater (or per post).
        var perRater = totalWeight / Math.Max(1, m.Raters);
        var perPost = totalWeight / Math.Max(1, m.Posts);
        var mu = m.WeightedSum / (totalWeight * (1 + options.InterceptLambda));
        var previous = double.MaxValue;
        var loss = 0.0;
        var iterations = 0;
        while (iterations < options.MaxIterations)
        {
            ct.ThrowIfCancellationRequested();
            Update(m.ByRater, postIntercept, postFactor, raterIntercept, raterFactor, mu, options.InterceptLambda * perRater, options.FactorLambda * perRater);
            Update(m.ByPost, raterIntercept, raterFactor, postIntercept, postFactor, mu, options.InterceptLambda * perPost, options.FactorLambda * perPost);
            // One pass gives both μ's update and the objective: with s1 = Σw·res and s2 = Σw·res²
            // (res without μ), Σw·(res − μ)² = s2 − 2μ·s1 + μ²·W.
            var (s1, s2) = Residuals(m.ByRater, raterIntercept, raterFactor, postIntercept, postFactor);
            mu = s1 / (totalWeight * (1 + options.InterceptLambda));
            iterations++;
            loss = (s2 - 2 * mu * s1 + mu * mu * totalWeight) / totalWeight
                + options.InterceptLambda * (MeanSquare(raterIntercept) + MeanSquare(postIntercept) + mu * mu)
                + options.FactorLambda * (MeanSquare(raterFactor) + MeanSquare(postFactor));
            if (Math.Abs(previous - loss) < options.Tolerance)
                break;
            previous = loss;
        }
        OrientFactor(raterFactor, postFactor);
        return new FittedModel(mu, raterIntercept, raterFactor, postIntercept, postFactor, iterations, loss);
    }

    /// <summary>Solves every row's (intercept, factor) with the other side fixed.</summary>
    private static void Update(RatingRows rows, double[] otherIntercept, double[] otherFactor, double[] intercept, double[] factor,
        double mu, double interceptLambda, double factorLambda)
    {
        for (var k = 0; k < rows.Rows; k++)
        {
            double sw = 0, swx = 0, swxx = 0, swy = 0, swxy = 0;
            for (var i = rows.Start[k]; i < rows.Start[k + 1]; i++)
            {
                var o = rows.Other[i];
                double w = rows.Weight[i], x = otherFactor[o];
                var y = rows.Value[i] - mu - otherIntercept[o];
                sw += w;
                swx += w * x;
                swxx += w * x * x;
                swy += w * y;
                swxy += w * x * y;
            }
            // [sw + λi, swx; swx, swxx + λf] · [intercept; factor] = [swy; swxy]; λ > 0 keeps it invertible.
            double a = sw + interceptLambda, b = swx, d = swxx + factorLambda;
            var det = a * d - b * b;
            intercept[k] = (d * swy - b * swxy) / det;
            factor[k] = (a * swxy - b * swy) / det;
        }
    }

    /// <summary>Σ w·res and Σ w·res² over all ratings, where res = r − i_r − i_p − f_r·f_p.</summary>
    private static (double Sum, double SumOfSquares) Residuals(RatingRows byRater, double[] ri, double[] rf, double[] pi, double[] pf)
    {
        double sum = 0, squares = 0;
        for (var r = 0; r < byRater.Rows; r++)
        {
            for (var i = byRater.Start[r]; i < byRater.Start[r + 1]; i++)
            {
                var p = byRater.Other[i];
                double w = byRater.Weight[i];
                var residual = byRater.Value[i] - ri[r] - pi[p] - rf[r] * pf[p];
                sum += w * residual;
                squares += w * residual * residual;
            }
        }
        return (sum, squares);
    }

    private static double MeanSquare(double[] values)
    {
        double sum = 0;
        foreach (var v in values)
            sum += v * v;
        return values.Length == 0 ? 0 : sum / values.Length;
    }

    /// <summary>The factor's sign is arbitrary (f·g = (−f)·(−g)); fix it so the larger group of
    /// raters is on the positive side, and side names stay put between refits.</summary>
    private static void OrientFactor(double[] raterFactor, double[] postFactor)
    {
        int positive = 0, negative = 0;
        foreach (var f in raterFactor)
        {
            if (f > 0) positive++;
            else if (f < 0) negative++;
        }
        if (positive >= negative)
            return;
        for (var r = 0; r < raterFactor.Length; r++)
            raterFactor[r] = -raterFactor[r];
        for (var p = 0; p < postFactor.Length; p++)
            postFactor[p] = -postFactor[p];
    }
}
