using Dapper;
using Middleware.Core.Feeds;

namespace Middleware.Data.Feeds;

public sealed class FeedBoostStore(IDbConnectionFactory db) : IFeedBoostStore
{
    public async Task<IReadOnlySet<string>> BoostedPostsAsync(string feed, CancellationToken ct = default)
    {
        await using var connection = await db.OpenAsync(ct);
        const string select = "SELECT post_uri FROM feed_boosts WHERE feed = @feed";
        return (await connection.QueryAsync<string>(new CommandDefinition(select, new { feed }, cancellationToken: ct)))
            .ToHashSet(StringComparer.Ordinal);
    }

    public async Task<int> CountSinceAsync(string feed, DateTimeOffset since, CancellationToken ct = default)
    {
        await using var connection = await db.OpenAsync(ct);
        const string count = "SELECT COUNT(*) FROM feed_boosts WHERE feed = @feed AND boosted_at >= @since";
        return (int)await connection.ExecuteScalarAsync<long>(new CommandDefinition(count, new { feed, since = UnixTime.ToMs(since) }, cancellationToken: ct));
    }

    public async Task<DateTimeOffset?> LastBoostAtAsync(string feed, CancellationToken ct = default)
    {
        await using var connection = await db.OpenAsync(ct);
        const string select = "SELECT MAX(boosted_at) FROM feed_boosts WHERE feed = @feed";
        return UnixTime.FromMs(await connection.ExecuteScalarAsync<long?>(new CommandDefinition(select, new { feed }, cancellationToken: ct)));
    }

    public async Task<bool> RecordAsync(FeedBoost boost, CancellationToken ct = default)
    {
        await using var connection = await db.OpenForWriteAsync(ct);
        const string insert = """
            INSERT INTO feed_boosts (feed, post_uri, activity_id, feed_version, boosted_at)
            VALUES (@Feed, @PostUri, @ActivityId, @FeedVersion, @At)
            ON CONFLICT DO NOTHING
            """;
        return await connection.ExecuteAsync(new CommandDefinition(insert, new
        {
            boost.Feed,
            boost.PostUri,
            boost.ActivityId,
            boost.FeedVersion,
            At = UnixTime.ToMs(boost.BoostedAt),
        }, cancellationToken: ct)) > 0;
    }

    public async Task<IReadOnlyList<FeedBoost>> OrphanedAsync(CancellationToken ct = default)
    {
        await using var connection = await db.OpenAsync(ct);
        const string select = """
            SELECT b.feed AS Feed, b.post_uri AS PostUri, b.activity_id AS ActivityId, b.feed_version AS FeedVersion, b.boosted_at AS BoostedAt
            FROM feed_boosts b
            WHERE b.undone_at IS NULL AND NOT EXISTS (SELECT 1 FROM posts p WHERE p.uri = b.post_uri)
            """;
        var rows = await connection.QueryAsync<(string Feed, string PostUri, string ActivityId, long FeedVersion, long BoostedAt)>(
            new CommandDefinition(select, cancellationToken: ct));
        return rows.Select(r => new FeedBoost(r.Feed, r.PostUri, r.ActivityId, (int)r.FeedVersion, UnixTime.FromMs(r.BoostedAt))).ToList();
    }

    public async Task MarkUndoneAsync(string activityId, DateTimeOffset at, CancellationToken ct = default)
    {
        await using var connection = await db.OpenForWriteAsync(ct);
        const string update = "UPDATE feed_boosts SET undone_at = @at WHERE activity_id = @activityId";
        await connection.ExecuteAsync(new CommandDefinition(update, new { activityId, at = UnixTime.ToMs(at) }, cancellationToken: ct));
    }
}
