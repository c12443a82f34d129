using Dapper;
using Middleware.Core.Ranking;

namespace Middleware.Data.Ranking;

/// <summary>Impressions and explicit disagreement, written as background work: a reader waiting for
/// a feed never waits for these writes' turn.</summary>
public sealed class SignalRecorder(IDbConnectionFactory db) : ISignalRecorder
{
    public async Task RecordImpressionsAsync(string viewer, string feed, IReadOnlyList<string> postUris, DateTimeOffset at, CancellationToken ct = default)
    {
        if (postUris.Count == 0)
            return;
        await using var connection = await db.OpenForWriteAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);

        // Posts deleted meanwhile are skipped (the SELECT finds nothing), not an error.
        const string upsert = """
            INSERT INTO impressions (viewer_uri, post_uri, feed, first_served_at, last_served_at, times)
            SELECT @Viewer, uri, @Feed, @At, @At, 1 FROM posts WHERE uri = @Post
            ON CONFLICT (viewer_uri, post_uri)
            DO UPDATE SET times = impressions.times + 1, last_served_at = excluded.last_served_at, feed = excluded.feed
            """;
        var atMs = UnixTime.ToMs(at);
        await connection.ExecuteAsync(new CommandDefinition(upsert,
            postUris.Distinct(StringComparer.Ordinal).Select(p => new { Viewer = viewer, Feed = feed, At = atMs, Post = p }),
            transaction, cancellationToken: ct));
        await transaction.CommitAsync(ct);
    }

    public async Task<bool> RecordDisagreementAsync(string viewer, string postUri, DateTimeOffset at, CancellationToken ct = default)
    {
        await using var connection = await db.OpenForWriteAsync(ct);

        // A "show less" is never federated, so it has no activity id of its own; this one is
        // stable, so saying it twice stores it once.
        const string insert = """
            INSERT INTO interactions (activity_uri, kind, actor_uri, post_uri, occurred_at)
            SELECT @ActivityUri, 'disagree', @Viewer, uri, @At FROM posts WHERE uri = @Post
            ON CONFLICT DO NOTHING
            """;
        await connection.ExecuteAsync(new CommandDefinition(insert, new
        {
            ActivityUri = SignalIds.Disagreement(viewer, postUri),
            Viewer = viewer,
            Post = postUri,
            At = UnixTime.ToMs(at),
        }, cancellationToken: ct));

        const string exists = "SELECT COUNT(*) FROM posts WHERE uri = @Post";
        return await connection.ExecuteScalarAsync<long>(new CommandDefinition(exists, new { Post = postUri }, cancellationToken: ct)) > 0;
    }
}
