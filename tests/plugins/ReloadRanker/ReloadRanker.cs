using Middleware.Ranking;

namespace Middleware.Plugins.Reload;

/// <summary>Puts the candidates in reverse publication order and says which version did it, so a
/// test can tell which build of the plugin served a ranking.</summary>
public sealed class ReloadRanker : IRanker
{
#if RANKER_V2
    public const string Version = "2.0.0";
#else
    public const string Version = "1.0.0";
#endif

    public RankerMetadata Metadata { get; } = new()
    {
        Id = "reloadable",
        Version = Version,
        Description = "Test plugin that exists in two versions.",
        MainParameters = "Newest first.",
    };

    public ValueTask<RankingResult> RankAsync(RankingRequest request, CancellationToken cancellationToken) =>
        ValueTask.FromResult(new RankingResult(request.Candidates
            .OrderByDescending(c => c.Published)
            .ThenBy(c => c.PostUri, StringComparer.Ordinal)
            .Take(request.Limit)
            .Select(c => new RankedItem(c.PostUri, 0, new Explanation(Metadata.Id, $"Ranked by version {Version}.", [])))
            .ToList()));
}
