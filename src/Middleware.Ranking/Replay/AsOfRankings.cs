using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Middleware.Core.Ranking;
using Middleware.Ranking.Bridging;
using Middleware.Ranking.Engine;

namespace Middleware.Ranking.Replay;

/// <summary>Makes <see cref="AsOfRanking"/>s from the service's own catalog and options, for
/// <c>POST /api/admin/rank</c> with <c>asOf</c> and for the replay tool.</summary>
public sealed class AsOfRankings(
    RankerCatalog catalog, IAsOfSources sources, IOptions<BridgingOptions> bridging, IOptions<RankingOptions> ranking, ILoggerFactory logs)
{
    /// <summary>The rankers as of <paramref name="asOf"/>, with a bridging model fitted on what was recorded before it.</summary>
    public Task<AsOfRanking> FitAsync(DateTimeOffset asOf, CancellationToken ct = default) =>
        AsOfRanking.FitAsync(asOf, catalog, sources, bridging, ranking, logs, ct);
}
