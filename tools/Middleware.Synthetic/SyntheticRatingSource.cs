using System.Runtime.CompilerServices;
using Middleware.Core.Ranking;

namespace Middleware.Synthetic;

/// <summary>Signals held in memory, streamed as the store would stream them: for tests and benchmarks
/// of anything that fits from an <see cref="IRatingSource"/>.</summary>
public sealed class SyntheticRatingSource(IEnumerable<RatingSignal> signals) : IRatingSource
{
    public async IAsyncEnumerable<RatingSignal> ReadAsync(DateTimeOffset since, [EnumeratorCancellation] CancellationToken ct = default)
    {
        foreach (var s in signals)
        {
            ct.ThrowIfCancellationRequested();
            if (s.At >= since)
                yield return s;
        }
        await Task.CompletedTask;
    }
}
