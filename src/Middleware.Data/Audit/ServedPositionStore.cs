using System.Data.Common;
using Dapper;
using Middleware.Core.Audit;

namespace Middleware.Data.Audit;

/// <summary>Writes served positions in batches (posts and feeds become integer ids on the way in) and
/// counts them per post for the audit (<see cref="AuditExposureQuery"/>).</summary>
public sealed class ServedPositionStore(IDbConnectionFactory db) : IServedPositionStore
{
    public async Task AppendAsync(IReadOnlyList<ServedPage> pages, CancellationToken ct = default)
    {
        if (pages.Count == 0)
            return;
        await using var connection = await db.OpenForWriteAsync(WritePriority.Background, ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        var feeds = new Dictionary<string, long>(StringComparer.Ordinal);
        var posts = new Dictionary<string, long>(StringComparer.Ordinal);
        var rows = new List<object>();
        foreach (var page in pages)
        {
            if (!feeds.TryGetValue(page.Feed, out var feedId))
                feeds[page.Feed] = feedId = await FeedIdAsync(connection, tx, page.Feed, ct);
            foreach (var position in page.Positions)
            {
                var postId = await PostIdAsync(connection, tx, posts, position.Post, ct);
                long? baselineId = position.Baseline is { } b ? await PostIdAsync(connection, tx, posts, b, ct) : null;
                rows.Add(new
                {
                    Feed = feedId, At = page.ServedAt.ToUnixTimeSeconds(), Surface = (int)page.Surface, position.Position,
                    Post = postId, Baseline = baselineId,
                });
            }
        }
        const string insert = """
            INSERT INTO served_positions (feed_id, served_at, surface, position, post_id, baseline_post_id)
            VALUES (@Feed, @At, @Surface, @Position, @Post, @Baseline)
            """;
        await connection.ExecuteAsync(new CommandDefinition(insert, rows, tx, cancellationToken: ct));
        await tx.CommitAsync(ct);
    }

    public Task<IReadOnlyList<PostExposure>> ExposuresAsync(string feed, DateTimeOffset from, DateTimeOffset to, CancellationToken ct = default) =>
        AuditExposureQuery.ReadAsync(db, feed, from, to, ct);

    private static async Task<long> FeedIdAsync(DbConnection connection, DbTransaction tx, string name, CancellationToken ct)
    {
        const string upsert = """
            INSERT INTO audit_feeds (name) VALUES (@Name) ON CONFLICT (name) DO NOTHING;
            SELECT id FROM audit_feeds WHERE name = @Name
            """;
        return await connection.ExecuteScalarAsync<long>(new CommandDefinition(upsert, new { Name = name }, tx, cancellationToken: ct));
    }

    /// <summary>The post's id, added on first sight; its coordination share is the one seen last.</summary>
    private static async Task<long> PostIdAsync(DbConnection connection, DbTransaction tx, Dictionary<string, long> known, ServedPost post,
        CancellationToken ct)
    {
        if (known.TryGetValue(post.Uri, out var id))
            return id;
        const string upsert = """
            INSERT INTO audit_posts (uri, author, instance, language, published_at, coordination)
            VALUES (@Uri, @Author, @Instance, @Language, @Published, @Coordination)
            ON CONFLICT (uri) DO UPDATE SET coordination = excluded.coordination;
            SELECT id FROM audit_posts WHERE uri = @Uri
            """;
        id = await connection.ExecuteScalarAsync<long>(new CommandDefinition(upsert, new
        {
            post.Uri, post.Author, post.Instance, post.Language, Published = UnixTime.ToMs(post.Published), Coordination = post.CoordinationScore,
        }, tx, cancellationToken: ct));
        known[post.Uri] = id;
        return id;
    }
}
