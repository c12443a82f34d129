namespace Middleware.Core.Audit;

/// <summary>How often one post was exposed in a range, under the feed and under the chronological baseline
/// (one exposure per served position), with what the audit groups it by.</summary>
/// <param name="Groups">Flagged coordination groups its author belongs to (their ids), empty for none.</param>
/// <param name="Deleted">The post was deleted after it was served.</param>
public sealed record PostExposure(
    string Uri, string Author, string Instance, string? Language, double CoordinationScore, bool Deleted,
    IReadOnlyList<long> Groups, int Feed, int Baseline);

/// <summary>One key of a dimension (an author, an instance, a language, a group): its share of all
/// exposures under the feed and under chronological order, and their ratio (null when chronological order
/// gave it none: the feed alone exposed it).</summary>
public sealed record ExposureShare(string Key, int Feed, int Baseline, double FeedShare, double BaselineShare, double? Ratio);

/// <summary>How concentrated exposure is over authors: Gini (0 even, near 1 one author takes all), the
/// share of the top 1% of authors (at least one author), and the effective number of authors (1/Σ share²).</summary>
public sealed record Concentration(double Gini, double Top1PercentShare, double EffectiveAuthors);

/// <summary>A count of posts and their shares of exposure under both orders.</summary>
public sealed record PostGroupShare(int Posts, double FeedShare, double BaselineShare);

/// <summary>The amplification audit of one feed over a range (docs/audit.md explains each figure).</summary>
public sealed record AuditReport(
    string Feed, DateTimeOffset From, DateTimeOffset To, int FeedExposures, int BaselineExposures,
    IReadOnlyList<ExposureShare> Authors, IReadOnlyList<ExposureShare> Instances, IReadOnlyList<ExposureShare> Languages,
    IReadOnlyList<ExposureShare> CoordinationGroups,
    Concentration FeedConcentration, Concentration BaselineConcentration,
    PostGroupShare Deleted, PostGroupShare MainlyCoordinated)
{
    /// <summary>The dimensions by the names the CSV and JSON use.</summary>
    public IEnumerable<(string Dimension, IReadOnlyList<ExposureShare> Shares)> Dimensions() =>
    [
        ("author", Authors), ("instance", Instances), ("language", Languages), ("coordination_group", CoordinationGroups),
    ];
}
