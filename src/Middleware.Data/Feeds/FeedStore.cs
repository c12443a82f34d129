using System.Data.Common;
using System.Text.Json;
using Dapper;
using Middleware.Core.Feeds;

namespace Middleware.Data.Feeds;

/// <summary>Feeds with their version history: each add or update writes the row and the version
/// snapshot in one transaction.</summary>
public sealed class FeedStore(IDbConnectionFactory db, TimeProvider time) : IFeedStore
{
    private const string SelectColumns = """
        SELECT name AS Name, display_name AS DisplayName, description AS Description, source_ids AS SourceIds,
               filters AS Filters, ranker AS Ranker, parameters AS Parameters,
               boost_interval_seconds AS BoostIntervalSeconds, max_boosts_per_hour AS MaxBoostsPerHour,
               home_candidates AS HomeCandidates, is_public AS IsPublic, version AS Version, created_at AS CreatedAt, updated_at AS UpdatedAt
        FROM feeds
        """;

    public async Task<IReadOnlyList<Feed>> ListAsync(CancellationToken ct = default)
    {
        await using var connection = await db.OpenAsync(ct);
        var rows = await connection.QueryAsync<FeedRow>(new CommandDefinition(SelectColumns + " ORDER BY name", cancellationToken: ct));
        return rows.Select(r => r.ToFeed()).ToList();
    }

    public async Task<Feed?> FindAsync(string name, CancellationToken ct = default)
    {
        await using var connection = await db.OpenAsync(ct);
        var row = await connection.QuerySingleOrDefaultAsync<FeedRow>(
            new CommandDefinition(SelectColumns + " WHERE name = @name", new { name }, cancellationToken: ct));
        return row?.ToFeed();
    }

    public async Task<Feed?> FindVersionAsync(string name, int version, CancellationToken ct = default)
    {
        await using var connection = await db.OpenAsync(ct);
        const string select = "SELECT definition FROM feed_versions WHERE name = @name AND version = @version";
        var json = await connection.QuerySingleOrDefaultAsync<string>(
            new CommandDefinition(select, new { name, version }, cancellationToken: ct));
        return json is null ? null : JsonSerializer.Deserialize<Feed>(json);
    }

    public async Task<bool> AddAsync(Feed feed, CancellationToken ct = default)
    {
        await using var connection = await db.OpenForWriteAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        var now = time.GetUtcNow();
        var stored = feed with { Version = 1, CreatedAt = now, UpdatedAt = now };

        const string insert = """
            INSERT INTO feeds (name, display_name, description, source_ids, filters, ranker, parameters,
                               boost_interval_seconds, max_boosts_per_hour, home_candidates, is_public, version,
                               created_at, updated_at)
            VALUES (@Name, @DisplayName, @Description, @SourceIds, @Filters, @Ranker, @Parameters,
                    @BoostIntervalSeconds, @MaxBoostsPerHour, @HomeCandidates, @IsPublic, @Version, @CreatedAt, @UpdatedAt)
            ON CONFLICT (name) DO NOTHING
            """;
        if (await connection.ExecuteAsync(new CommandDefinition(insert, FeedRow.From(stored), tx, cancellationToken: ct)) == 0)
            return false;
        await AddVersionAsync(connection, tx, stored, ct);
        await tx.CommitAsync(ct);
        return true;
    }

    public async Task<Feed?> UpdateAsync(Feed feed, CancellationToken ct = default)
    {
        await using var connection = await db.OpenForWriteAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        var current = await connection.QuerySingleOrDefaultAsync<FeedRow>(
            new CommandDefinition(SelectColumns + " WHERE name = @Name", new { feed.Name }, tx, cancellationToken: ct));
        if (current is null)
            return null;
        if (current.ToFeed() is var unchanged && unchanged.SameDefinitionAs(feed))
            return unchanged;
        var stored = feed with
        {
            Version = (int)current.Version + 1,
            CreatedAt = UnixTime.FromMs(current.CreatedAt),
            UpdatedAt = time.GetUtcNow(),
        };

        const string update = """
            UPDATE feeds SET display_name = @DisplayName, description = @Description, source_ids = @SourceIds,
                             filters = @Filters, ranker = @Ranker, parameters = @Parameters,
                             boost_interval_seconds = @BoostIntervalSeconds, max_boosts_per_hour = @MaxBoostsPerHour,
                             home_candidates = @HomeCandidates, is_public = @IsPublic, version = @Version, updated_at = @UpdatedAt
            WHERE name = @Name
            """;
        await connection.ExecuteAsync(new CommandDefinition(update, FeedRow.From(stored), tx, cancellationToken: ct));
        await AddVersionAsync(connection, tx, stored, ct);
        await tx.CommitAsync(ct);
        return stored;
    }

    public async Task<bool> DeleteAsync(string name, CancellationToken ct = default)
    {
        await using var connection = await db.OpenForWriteAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        const string delete = "DELETE FROM feeds WHERE name = @name";
        var deleted = await connection.ExecuteAsync(new CommandDefinition(delete, new { name }, tx, cancellationToken: ct));
        const string history = "DELETE FROM feed_versions WHERE name = @name";
        await connection.ExecuteAsync(new CommandDefinition(history, new { name }, tx, cancellationToken: ct));
        await tx.CommitAsync(ct);
        return deleted > 0;
    }

    private static Task AddVersionAsync(DbConnection connection, DbTransaction tx, Feed feed, CancellationToken ct)
    {
        const string insert = "INSERT INTO feed_versions (name, version, definition, created_at) VALUES (@Name, @Version, @Definition, @CreatedAt)";
        return connection.ExecuteAsync(new CommandDefinition(insert, new
        {
            feed.Name,
            feed.Version,
            Definition = JsonSerializer.Serialize(feed),
            CreatedAt = UnixTime.ToMs(feed.UpdatedAt),
        }, tx, cancellationToken: ct));
    }

    private sealed class FeedRow
    {
        public string Name { get; init; } = "";
        public string DisplayName { get; init; } = "";
        public string Description { get; init; } = "";
        public string? SourceIds { get; init; }
        public string? Filters { get; init; }
        public string Ranker { get; init; } = "";
        public string Parameters { get; init; } = "{}";
        public long BoostIntervalSeconds { get; init; }
        public long MaxBoostsPerHour { get; init; }
        public long HomeCandidates { get; init; }
        public long IsPublic { get; init; }
        public long Version { get; init; }
        public long CreatedAt { get; init; }
        public long UpdatedAt { get; init; }

        public static FeedRow From(Feed f) => new()
        {
            Name = f.Name,
            DisplayName = f.DisplayName,
            Description = f.Description,
            SourceIds = f.SourceIds is null ? null : JsonSerializer.Serialize(f.SourceIds),
            Filters = f.FiltersJson,
            Ranker = f.Ranker,
            Parameters = f.ParametersJson,
            BoostIntervalSeconds = f.BoostIntervalSeconds,
            MaxBoostsPerHour = f.MaxBoostsPerHour,
            HomeCandidates = f.HomeCandidates,
            IsPublic = f.Public ? 1 : 0,
            Version = f.Version,
            CreatedAt = UnixTime.ToMs(f.CreatedAt),
            UpdatedAt = UnixTime.ToMs(f.UpdatedAt),
        };

        public Feed ToFeed() => new()
        {
            Name = Name,
            DisplayName = DisplayName,
            Description = Description,
            SourceIds = SourceIds is null ? null : JsonSerializer.Deserialize<List<long>>(SourceIds),
            FiltersJson = Filters,
            Ranker = Ranker,
            ParametersJson = Parameters,
            BoostIntervalSeconds = (int)BoostIntervalSeconds,
            MaxBoostsPerHour = (int)MaxBoostsPerHour,
            HomeCandidates = (int)HomeCandidates,
            Public = IsPublic != 0,
            Version = (int)Version,
            CreatedAt = UnixTime.FromMs(CreatedAt),
            UpdatedAt = UnixTime.FromMs(UpdatedAt),
        };
    }
}
