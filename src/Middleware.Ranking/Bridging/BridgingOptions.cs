using Middleware.Ranking.Coordination;

namespace Middleware.Ranking.Bridging;

/// <summary>The <c>Middleware:Ranking:Bridging</c> configuration section: the bridging model's
/// schedule, budget and parameters. The defaults are explained in <c>docs/ranking.md</c>.</summary>
public sealed class BridgingOptions
{
    public const string Section = "Middleware:Ranking:Bridging";

    /// <summary>Time between background refits.</summary>
    public TimeSpan RefitInterval { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>Wait after start-up before the first refit, so the service answers requests first.</summary>
    public TimeSpan StartupDelay { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>Wall-clock limit for one refit, reading included; on overrun the previous model stays.</summary>
    public TimeSpan RefitBudget { get; set; } = TimeSpan.FromSeconds(120);

    /// <summary>On several nodes (PostgreSQL), how often a node looks for a fit stored by another (the
    /// leader refits; the others take up its model within this bound). A look is one indexed query.</summary>
    public TimeSpan FollowInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Only signals this recent are fitted.</summary>
    public TimeSpan Lookback { get; set; } = TimeSpan.FromDays(30);

    /// <summary>Regularisation of the intercepts (Community Notes: 5 × 0.03).</summary>
    public double InterceptLambda { get; set; } = 0.15;

    /// <summary>Regularisation of the factors (Community Notes: 0.03).</summary>
    public double FactorLambda { get; set; } = 0.03;

    /// <summary>Upper bound on fitting iterations (alternating updates of raters and posts).</summary>
    public int MaxIterations { get; set; } = 60;

    /// <summary>Stop once the objective changes by less than this between iterations.</summary>
    public double Tolerance { get; set; } = 1e-7;

    /// <summary>Seed for the initial post factors and for sampling implicit negatives.</summary>
    public int Seed { get; set; } = 1;

    /// <summary>Weighted ratings a post needs before its intercept is used; fewer is cold start.</summary>
    public int MinRatings { get; set; } = 5;

    /// <summary>Weight of "served, and no favourite or boost" (a 0 the rater chose only passively).</summary>
    public double SeenWeight { get; set; } = 0.2;

    /// <summary>Weight of an explicit "show less" or disagreement (a 0 the rater chose).</summary>
    public double DisagreeWeight { get; set; } = 1.0;

    /// <summary>For raters of whom nothing was seen (no impressions, no disagreements): sampled
    /// unobserved posts per endorsement, each a 0 of weight <see cref="UnobservedWeight"/>.</summary>
    public double UnobservedPerEndorsement { get; set; } = 1.0;

    /// <summary>Weight of a sampled unobserved pair.</summary>
    public double UnobservedWeight { get; set; } = 0.1;

    /// <summary>The coordination guard (section <c>Middleware:Ranking:Bridging:Coordination</c>).</summary>
    public CoordinationOptions Coordination { get; set; } = new();

    /// <summary>The first setting that cannot work, or null. (Positive λs keep every update solvable.)</summary>
    public string? Problem() => this switch
    {
        { InterceptLambda: <= 0 } or { FactorLambda: <= 0 } => "InterceptLambda and FactorLambda must be positive.",
        { MaxIterations: < 1 } => "MaxIterations must be at least 1.",
        { SeenWeight: < 0 } or { DisagreeWeight: < 0 } or { UnobservedWeight: < 0 } or { UnobservedPerEndorsement: < 0 } => "weights must not be negative.",
        _ when RefitBudget <= TimeSpan.Zero || RefitInterval <= TimeSpan.Zero || Lookback <= TimeSpan.Zero => "RefitBudget, RefitInterval and Lookback must be positive.",
        _ => Coordination.Problem(),
    };
}
