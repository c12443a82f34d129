namespace Middleware.Ranking;

/// <summary>Thrown by a ranker when one of its parameters is invalid. The host answers the caller
/// with <see cref="Field"/> and the message instead of falling back, because the caller can fix it.</summary>
public sealed class RankerParameterException(string field, string problem) : ArgumentException($"{field}: {problem}")
{
    /// <summary>The parameter (or path inside it, e.g. <c>recipe.filters.maxAgeHours</c>) at fault.</summary>
    public string Field { get; } = field;

    /// <summary>What is wrong with it, in one sentence.</summary>
    public string Problem { get; } = problem;
}
