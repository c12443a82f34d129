namespace Middleware.Ranking.Bridging;

/// <summary>What the latest bridging fit knows about one post, for choosing where a vote teaches the
/// model most (few ratings, a score that is not yet settled).</summary>
/// <param name="WeightedRatings">Observed ratings, weighted as the model weighs them.</param>
/// <param name="Score">The bridging score (the post intercept); meaningful when <paramref name="Scored"/>.</param>
/// <param name="Scored">True when the post has enough ratings to be ranked by its score, not in cold start.</param>
/// <param name="FittedAt">When the fit that knows this ran.</param>
public sealed record BridgingPostEvidence(double WeightedRatings, double Score, bool Scored, DateTimeOffset FittedAt);
