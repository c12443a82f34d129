namespace Middleware.Core.Feeds;

/// <summary>A feed: which stored posts it draws from, how they are narrowed and ranked, and how
/// often its account boosts the top of the ranking. Every change makes a new <see cref="Version"/>,
/// so a feed page can say which version of the algorithm ranked what.</summary>
public sealed record Feed
{
    public required string Name { get; init; }
    public required string DisplayName { get; init; }
    public string Description { get; init; } = "";

    /// <summary>Source ids the feed draws from, or null for all sources.</summary>
    public IReadOnlyList<long>? SourceIds { get; init; }

    /// <summary>Optional filters (the recipe filter object) as JSON, or null.</summary>
    public string? FiltersJson { get; init; }

    public required string Ranker { get; init; }

    /// <summary>The ranker's parameters as a JSON object.</summary>
    public string ParametersJson { get; init; } = "{}";

    public int BoostIntervalSeconds { get; init; } = 300;
    public int MaxBoostsPerHour { get; init; } = 12;

    /// <summary>How many of the feed's own top posts are added to the home timeline of a person who
    /// chose this feed for it (0: the feed only orders their home timeline).</summary>
    public int HomeCandidates { get; init; }

    /// <summary>Listed in <c>GET /api/v1/feeds</c> and readable without login.</summary>
    public bool Public { get; init; } = true;

    public int Version { get; init; } = 1;
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; init; }

    /// <summary>True when both say the same thing, whatever their versions and times: replacing one
    /// with the other is no change.</summary>
    public bool SameDefinitionAs(Feed other) =>
        this with { SourceIds = other.SourceIds, Version = other.Version, CreatedAt = other.CreatedAt, UpdatedAt = other.UpdatedAt } == other
        && (SourceIds is null ? other.SourceIds is null : other.SourceIds is not null && SourceIds.SequenceEqual(other.SourceIds));
}

/// <summary>Feed definitions and their history.</summary>
public interface IFeedStore
{
    Task<IReadOnlyList<Feed>> ListAsync(CancellationToken ct = default);

    Task<Feed?> FindAsync(string name, CancellationToken ct = default);

    /// <summary>A past (or the current) version of a feed, or null.</summary>
    Task<Feed?> FindVersionAsync(string name, int version, CancellationToken ct = default);

    /// <summary>Stores a new feed as version 1; false when the name is taken.</summary>
    Task<bool> AddAsync(Feed feed, CancellationToken ct = default);

    /// <summary>Replaces the definition as the next version; null when there is no such feed. A
    /// definition the same as the current one (<see cref="Feed.SameDefinitionAs"/>) is no change:
    /// the current version is returned as it is.</summary>
    Task<Feed?> UpdateAsync(Feed feed, CancellationToken ct = default);

    /// <summary>Removes the feed and its history; false when there was none.</summary>
    Task<bool> DeleteAsync(string name, CancellationToken ct = default);
}
