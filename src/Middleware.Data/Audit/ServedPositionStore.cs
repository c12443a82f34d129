using System.Data.Common;
using Dapper;
using Middleware.Core.Audit;

namespace Middleware.Data.Audit;

/// <summary>Writes served positions in batches (posts and feeds become integer ids on the way in) and
/// counts them per post for the audit (<see cref="AuditExposureQuery"/>).
///
/// A batch is a few hundred pages of tens of positions each. On SQLite each row is one run of a
/// prepared statement in process. On PostgreSQL every statement is a round trip, so a batch is a
/// fixed number of them whatever its size (ADR 0048): one upsert of its distinct posts with the read
/// of their ids, and one insert of all its positions, both from arrays.</summary>
public sealed class ServedPositionStore(IDbConnectionFactory db) : IServedPositionStore
{
    public async Task AppendAsync(IReadOnlyList<ServedPage> pages, CancellationToken ct = default)
    {
        if (pages.Count == 0)
            return;
        // A post served several times in the batch (or also as a baseline) is written once, with the
        // coordination share seen last.
        var posts = new Dictionary<string, ServedPost>(StringComparer.Ordinal);
        foreach (var position in pages.SelectMany(p => p.Positions))
        {
            posts[position.Post.Uri] = position.Post;
            if (position.Baseline is { } baseline)
                posts[baseline.Uri] = baseline;
        }

        await using var connection = await db.OpenForWriteAsync(WritePriority.Background, ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        var feeds = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var feed in pages.Select(p => p.Feed).Distinct(StringComparer.Ordinal))
            feeds[feed] = await FeedIdAsync(connection, tx, feed, ct);
        // In one order on every node, so that two nodes' writers updating the same posts take their
        // row locks in the same order and cannot deadlock.
        var ordered = posts.Values.OrderBy(p => p.Uri, StringComparer.Ordinal).ToList();
        var ids = db.Dialect == SqlDialect.PostgreSql
            ? await PostIdsAsync(connection, tx, ordered, ct)
            : await PostIdsOneByOneAsync(connection, tx, ordered, ct);

        var rows = pages.SelectMany(page => page.Positions.Select(position => new Row(
            feeds[page.Feed], page.ServedAt.ToUnixTimeSeconds(), (int)page.Surface, position.Position,
            ids[position.Post.Uri], position.Baseline is { } b ? ids[b.Uri] : null))).ToList();
        if (db.Dialect == SqlDialect.PostgreSql)
        {
            const string insertAll = InsertPositions + " SELECT * FROM unnest(@Feeds, @Times, @Surfaces, @Positions, @Posts, @Baselines)";
            await connection.ExecuteAsync(new CommandDefinition(insertAll, new
            {
                Feeds = rows.Select(r => r.Feed).ToArray(), Times = rows.Select(r => r.At).ToArray(),
                Surfaces = rows.Select(r => (long)r.Surface).ToArray(), Positions = rows.Select(r => (long)r.Position).ToArray(),
                Posts = rows.Select(r => r.Post).ToArray(), Baselines = rows.Select(r => r.Baseline).ToArray(),
            }, tx, cancellationToken: ct));
        }
        else
        {
            const string insert = InsertPositions + " VALUES (@Feed, @At, @Surface, @Position, @Post, @Baseline)";
            await connection.ExecuteAsync(new CommandDefinition(insert, rows, tx, cancellationToken: ct));
        }
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

    private const string InsertPositions = "INSERT INTO served_positions (feed_id, served_at, surface, position, post_id, baseline_post_id)";

    private const string InsertPosts = "INSERT INTO audit_posts (uri, author, instance, language, published_at, coordination)";

    /// <summary>Adds the posts not seen before and updates the coordination share of those whose share
    /// changed (an unchanged row is not rewritten).</summary>
    private const string OnConflict =
        "ON CONFLICT (uri) DO UPDATE SET coordination = excluded.coordination WHERE audit_posts.coordination <> excluded.coordination";

    private const string UpsertOne = InsertPosts + " VALUES (@Uri, @Author, @Instance, @Language, @Published, @Coordination) "
        + OnConflict + "; SELECT id FROM audit_posts WHERE uri = @Uri";

    /// <summary>SQLite: one upsert and one read per post, in process.</summary>
    private static async Task<Dictionary<string, long>> PostIdsOneByOneAsync(DbConnection connection, DbTransaction tx,
        IEnumerable<ServedPost> posts, CancellationToken ct)
    {
        var ids = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var post in posts)
        {
            ids[post.Uri] = await connection.ExecuteScalarAsync<long>(new CommandDefinition(UpsertOne, new
            {
                post.Uri, post.Author, post.Instance, post.Language, Published = UnixTime.ToMs(post.Published), Coordination = post.CoordinationScore,
            }, tx, cancellationToken: ct));
        }
        return ids;
    }

    /// <summary>PostgreSQL: every post of the batch in one upsert, and their ids in the same round trip.
    /// The read is a statement of its own, so under READ COMMITTED it also sees a row that another node
    /// added after the upsert began (which the upsert left alone and would not return).</summary>
    private static async Task<Dictionary<string, long>> PostIdsAsync(DbConnection connection, DbTransaction tx,
        IReadOnlyCollection<ServedPost> posts, CancellationToken ct)
    {
        const string upsertAll = InsertPosts + " SELECT * FROM unnest(@Uris, @Authors, @Instances, @Languages, @Published, @Coordinations) "
            + OnConflict + "; SELECT uri AS Uri, id AS Id FROM audit_posts WHERE uri = ANY(@Uris)";
        var rows = await connection.QueryAsync<(string Uri, long Id)>(new CommandDefinition(upsertAll, new
        {
            Uris = posts.Select(p => p.Uri).ToArray(), Authors = posts.Select(p => p.Author).ToArray(),
            Instances = posts.Select(p => p.Instance).ToArray(), Languages = posts.Select(p => p.Language).ToArray(),
            Published = posts.Select(p => UnixTime.ToMs(p.Published)).ToArray(), Coordinations = posts.Select(p => p.CoordinationScore).ToArray(),
        }, tx, cancellationToken: ct));
        return rows.ToDictionary(r => r.Uri, r => r.Id, StringComparer.Ordinal);
    }

    private sealed record Row(long Feed, long At, int Surface, int Position, long Post, long? Baseline);
}
