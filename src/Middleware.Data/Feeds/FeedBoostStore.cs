using Dapper;
using Middleware.Core.Delivery;
using Middleware.Core.Feeds;
using Middleware.Data.Delivery;

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

    public async Task<bool> BoostAsync(FeedBoost boost, TimeSpan interval, IReadOnlyList<NewDelivery> deliveries, CancellationToken ct = default)
    {
        var at = UnixTime.ToMs(boost.BoostedAt);
        await using var connection = await db.OpenForWriteAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        // The compare-and-set: PostgreSQL makes a second node's upsert wait for the first one's row lock
        // and then re-checks the WHERE against the committed time, so only one node takes a turn.
        const string turn = """
            INSERT INTO feed_boost_turns (feed, boosted_at) VALUES (@Feed, @at)
            ON CONFLICT (feed) DO UPDATE SET boosted_at = excluded.boosted_at
            WHERE feed_boost_turns.boosted_at <= @dueBefore
            """;
        var dueBefore = at - (long)interval.TotalMilliseconds;
        if (await connection.ExecuteAsync(new CommandDefinition(turn, new { boost.Feed, at, dueBefore }, tx, cancellationToken: ct)) == 0)
            return false;

        const string insert = """
            INSERT INTO feed_boosts (feed, post_uri, activity_id, feed_version, boosted_at)
            VALUES (@Feed, @PostUri, @ActivityId, @FeedVersion, @at)
            ON CONFLICT DO NOTHING
            """;
        if (await connection.ExecuteAsync(new CommandDefinition(insert, new { boost.Feed, boost.PostUri, boost.ActivityId, boost.FeedVersion, at },
                tx, cancellationToken: ct)) == 0)
            return false;

        await DeliveryQueue.InsertAsync(connection, tx, deliveries, at, ct);
        await tx.CommitAsync(ct);
        return true;
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
