using Middleware.Core.Ranking;

namespace Middleware.Ranking.Bridging;

/// <summary>No signals: what the bridging ranker reads when no store is registered (tests and tools
/// that only need the catalog). Its refits succeed with nothing fitted.</summary>
internal sealed class NoRatingSource : IRatingSource
{
    public static NoRatingSource Instance { get; } = new();

    public IAsyncEnumerable<RatingSignal> ReadAsync(DateTimeOffset since, CancellationToken ct = default) =>
        AsyncEnumerable.Empty<RatingSignal>();
}
