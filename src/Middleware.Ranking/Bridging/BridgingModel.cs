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

        double totalWeight = 0, weightedSum = 0;
        for (var e = 0; e < m.Count; e++)
        {
            totalWeight += m.Weight[e];
            weightedSum += m.Weight[e] * m.Value[e];
        }
        if (totalWeight <= 0)
            return new FittedModel(0, raterIntercept, raterFactor, postIntercept, postFactor, 0, 0);

        // The mean-square penalties, multiplied out of the weighted mean error, become per-parameter
        // ridge terms scaled by the average weight per rater (or per post).
        var perRater = totalWeight / Math.Max(1, m.Raters);
        var perPost = totalWeight / Math.Max(1, m.Posts);
        var mu = weightedSum / (totalWeight * (1 + options.InterceptLambda));
        var previous = double.MaxValue;
        var loss = 0.0;
        var iterations = 0;
        while (iterations < options.MaxIterations)
        {
            ct.ThrowIfCancellationRequested();
            Update(m.Raters, m.RaterStart, m.ByRater, m.PostOf, postIntercept, postFactor, raterIntercept, raterFactor,
                m, mu, options.InterceptLambda * perRater, options.FactorLambda * perRater);
            Update(m.Posts, m.PostStart, m.ByPost, m.RaterOf, raterIntercept, raterFactor, postIntercept, postFactor,
                m, mu, options.InterceptLambda * perPost, options.FactorLambda * perPost);
            mu = GlobalIntercept(m, raterIntercept, raterFactor, postIntercept, postFactor, totalWeight, options.InterceptLambda);
            iterations++;
            loss = Loss(m, mu, raterIntercept, raterFactor, postIntercept, postFactor, totalWeight, options);
            if (Math.Abs(previous - loss) < options.Tolerance)
                break;
            previous = loss;
        }
        OrientFactor(raterFactor, postFactor);
        return new FittedModel(mu, raterIntercept, raterFactor, postIntercept, postFactor, iterations, loss);
    }

    /// <summary>Solves every (intercept, factor) pair of one side with the other side fixed.</summary>
    private static void Update(int count, int[] start, int[] entries, int[] otherOf, double[] otherIntercept, double[] otherFactor,
        double[] intercept, double[] factor, RatingMatrix m, double mu, double interceptLambda, double factorLambda)
    {
        for (var k = 0; k < count; k++)
        {
            double sw = 0, swx = 0, swxx = 0, swy = 0, swxy = 0;
            for (var i = start[k]; i < start[k + 1]; i++)
            {
                var e = entries[i];
                var o = otherOf[e];
                double w = m.Weight[e], x = otherFactor[o];
                var y = m.Value[e] - mu - otherIntercept[o];
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

    private static double GlobalIntercept(RatingMatrix m, double[] ri, double[] rf, double[] pi, double[] pf, double totalWeight, double lambda)
    {
        double sum = 0;
        for (var e = 0; e < m.Count; e++)
        {
            int r = m.RaterOf[e], p = m.PostOf[e];
            sum += m.Weight[e] * (m.Value[e] - ri[r] - pi[p] - rf[r] * pf[p]);
        }
        return sum / (totalWeight * (1 + lambda));
    }

    private static double Loss(RatingMatrix m, double mu, double[] ri, double[] rf, double[] pi, double[] pf, double totalWeight, BridgingOptions options)
    {
        double error = 0;
        for (var e = 0; e < m.Count; e++)
        {
            int r = m.RaterOf[e], p = m.PostOf[e];
            var residual = m.Value[e] - mu - ri[r] - pi[p] - rf[r] * pf[p];
            error += m.Weight[e] * residual * residual;
        }
        return error / totalWeight
            + options.InterceptLambda * (MeanSquare(ri) + MeanSquare(pi) + mu * mu)
            + options.FactorLambda * (MeanSquare(rf) + MeanSquare(pf));
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
