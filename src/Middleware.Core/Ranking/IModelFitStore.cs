namespace Middleware.Core.Ranking;

/// <summary>One stored fit of a model-backed ranker: the model as the ranker serialised it, the
/// refit's report, and the groups of accounts its coordination guard found.</summary>
/// <param name="Ranker">The ranker's id ("bridging").</param>
/// <param name="Model">The ranker's own serialisation of its fitted model; opaque to the store.</param>
/// <param name="Report">The refit's report as JSON.</param>
public sealed record ModelFit(string Ranker, DateTimeOffset FittedAt, byte[] Model, string Report, IReadOnlyList<CoordinatedGroup> Groups);

/// <summary>A coordinated group as stored: the same group (the same members) found by several refits
/// is one row, with when it was first and last found.</summary>
public sealed record StoredCoordinatedGroup(long Id, DateTimeOffset FirstDetected, DateTimeOffset LastDetected, int Detections, CoordinatedGroup Group);

/// <summary>Keeps fitted models, so a restarted service ranks with its last model instead of cold
/// start, and the groups each refit found, so an audit can show them later.</summary>
public interface IModelFitStore
{
    /// <summary>Stores the fit (keeping the last few of each ranker) and records its groups: a group
    /// with the same members as one stored before is that group found again.</summary>
    Task SaveAsync(ModelFit fit, CancellationToken ct = default);

    /// <summary>The newest fit of the ranker, or null.</summary>
    Task<ModelFit?> LatestAsync(string ranker, CancellationToken ct = default);

    /// <summary>When the newest fit of the ranker was made, or null: what a node polls to learn that
    /// another node stored a newer model, without reading the model itself.</summary>
    Task<DateTimeOffset?> LatestFittedAtAsync(string ranker, CancellationToken ct = default);

    /// <summary>Groups found at any time in [from, to], strongest first, at most <paramref name="limit"/>.</summary>
    Task<IReadOnlyList<StoredCoordinatedGroup>> GroupsAsync(DateTimeOffset from, DateTimeOffset to, int limit, CancellationToken ct = default);
}
