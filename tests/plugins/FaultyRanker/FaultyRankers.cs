using Middleware.Ranking;

namespace Middleware.Plugins.Faulty;

/// <summary>Shared metadata: each faulty ranker's id is its manifest id, version 1.0.0.</summary>
public abstract class FaultyRanker(string id) : IRanker
{
    public RankerMetadata Metadata { get; } = new()
    {
        Id = id,
        Version = "1.0.0",
        Description = $"Test plugin '{id}' that misbehaves on purpose.",
        MainParameters = "None: it exists to test the host.",
    };

    public abstract ValueTask<RankingResult> RankAsync(RankingRequest request, CancellationToken cancellationToken);
}

/// <summary>Throws on every call.</summary>
public sealed class ThrowingRanker() : FaultyRanker("throws")
{
    public override ValueTask<RankingResult> RankAsync(RankingRequest request, CancellationToken cancellationToken) =>
        throw new InvalidOperationException("the plugin's model is not trained");
}

/// <summary>Computes for 600 ms (longer than the tests' 200 ms budget) without ever looking at its
/// cancellation token.</summary>
public sealed class SpinningRanker() : FaultyRanker("spins")
{
    public override ValueTask<RankingResult> RankAsync(RankingRequest request, CancellationToken cancellationToken)
    {
        // Bounded so that an abandoned call does not burn a core for the rest of the test run.
        var until = DateTime.UtcNow.AddMilliseconds(600);
        while (DateTime.UtcNow < until) { }
        return ValueTask.FromResult(new RankingResult([]));
    }
}

/// <summary>Returns a post that was not among the candidates.</summary>
public sealed class ForeignPostsRanker() : FaultyRanker("foreign")
{
    public override ValueTask<RankingResult> RankAsync(RankingRequest request, CancellationToken cancellationToken) =>
        ValueTask.FromResult(new RankingResult(
            [new RankedItem("https://elsewhere.example/posts/1", 1, new Explanation("foreign", "Not a candidate.", []))]));
}

/// <summary>Claims the id of the built-in chronological ranker.</summary>
public sealed class ImpostorRanker() : FaultyRanker("chronological")
{
    public override ValueTask<RankingResult> RankAsync(RankingRequest request, CancellationToken cancellationToken) =>
        ValueTask.FromResult(new RankingResult([]));
}

/// <summary>Cannot be constructed.</summary>
public sealed class ConstructorThrowsRanker : FaultyRanker
{
    public ConstructorThrowsRanker() : base("constructor-throws") =>
        throw new InvalidOperationException("missing configuration");

    public override ValueTask<RankingResult> RankAsync(RankingRequest request, CancellationToken cancellationToken) =>
        ValueTask.FromResult(new RankingResult([]));
}
