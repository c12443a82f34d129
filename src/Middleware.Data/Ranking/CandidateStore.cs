using System.Data.Common;
using Dapper;
using Middleware.Core.Ranking;
using Middleware.Ranking;

namespace Middleware.Data.Ranking;

/// <summary>Candidates with their features from two set-based statements in one read transaction
/// (posts with aggregated counts, then their hashtags): the work grows with the number of
/// candidates, never with one query per post.</summary>
public sealed class CandidateStore(IDbConnectionFactory db) : ICandidateStore
{
    // The newest public posts in the window; everything else joins to this set. CROSS JOIN keeps
    // the window as the outer loop in SQLite (its planner must not scan a whole table and probe the
    // window instead); in PostgreSQL it is an ordinary join. Only public posts
    // are candidates: unlisted, followers-only and direct posts were not meant for feeds.
    private const string Window = """
        SELECT uri FROM posts
        WHERE published_at >= @Since AND published_at < @Until AND visibility = 'public'
        ORDER BY published_at DESC
        LIMIT @MaxCount
        """;

    public async Task<IReadOnlyList<Candidate>> GetAsync(CandidateQuery query, CancellationToken ct = default)
    {
        if (query.MaxCount <= 0)
            return [];
        await using var connection = await db.OpenAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        var args = new { Since = UnixTime.ToMs(query.Since), Until = UnixTime.Until(query.AsOf), query.MaxCount, Viewer = query.Viewer ?? "" };

        var rows = (await connection.QueryAsync<CandidateRow>(
            new CommandDefinition(SelectPosts, args, transaction, cancellationToken: ct))).AsList();

        var tags = await ReadHashtagsAsync(connection, transaction, args, ct);
        await transaction.CommitAsync(ct);
        return rows.ConvertAll(r => r.ToCandidate(tags.GetValueOrDefault(r.PostUri) ?? []));
    }

    // As of a past moment (replay) every signal counts only when recorded before it; an impression
    // first served before it and served again later counts once, as its later servings were not yet known.
    // What people give through the service (person_signals) counts beside what the network told us:
    // "show less" and disagree votes as disagreements, and a "seen" as an impression unless the service
    // already recorded serving that post to that person. Their "show more", like, boost, agree and reply
    // make them engagers, but never add to Boosts or Favourites: those are the network's counts, and a
    // like sent to a feed is not a favourite the author's server knows of. Each person counts once.
    internal const string SelectPosts = $"""
            WITH recent AS ({Window}),
            acts AS (
                SELECT i.post_uri, i.actor_uri AS actor, i.kind
                FROM recent r CROSS JOIN interactions i
                WHERE i.post_uri = r.uri AND i.occurred_at < @Until
                UNION ALL
                SELECT ps.post_uri, ps.person_uri,
                       CASE WHEN ps.event IN ('request_less', 'disagree') THEN 'disagree' ELSE 'engaged' END
                FROM recent r CROSS JOIN person_signals ps
                WHERE ps.post_uri = r.uri AND ps.at < @Until
                  AND ps.event IN ('request_more', 'like', 'boost', 'agree', 'reply', 'request_less', 'disagree')
            ),
            counts AS (
                SELECT post_uri,
                       SUM(CASE WHEN kind = 'boost' THEN 1 ELSE 0 END)     AS boosts,
                       SUM(CASE WHEN kind = 'favourite' THEN 1 ELSE 0 END) AS favourites,
                       SUM(CASE WHEN kind = 'reply' THEN 1 ELSE 0 END)     AS replies,
                       COUNT(DISTINCT CASE WHEN kind = 'disagree' THEN actor END)  AS disagreements,
                       COUNT(DISTINCT CASE WHEN kind <> 'disagree' THEN actor END) AS engagers
                FROM acts
                GROUP BY post_uri
            ),
            seen AS (
                SELECT post_uri, SUM(times) AS impressions
                FROM (
                    SELECT m.post_uri, CASE WHEN m.last_served_at < @Until THEN m.times ELSE 1 END AS times
                    FROM recent r CROSS JOIN impressions m
                    WHERE m.post_uri = r.uri AND m.first_served_at < @Until
                    UNION ALL
                    SELECT ps.post_uri, 1
                    FROM recent r CROSS JOIN person_signals ps
                    WHERE ps.post_uri = r.uri AND ps.event = 'seen' AND ps.at < @Until
                      AND NOT EXISTS (SELECT 1 FROM impressions v WHERE v.viewer_uri = ps.person_uri AND v.post_uri = ps.post_uri
                                      AND v.first_served_at < @Until)
                ) served
                GROUP BY post_uri
            )
            SELECT p.uri AS PostUri, p.author_uri AS Author, p.instance AS Instance,
                   p.published_at AS PublishedAt, p.language AS Language, p.media_count AS MediaCount,
                   p.content_warning AS ContentWarning, p.in_reply_to_uri AS InReplyTo,
                   p.content_text AS Text,
                   COALESCE(c.boosts, 0) AS Boosts, COALESCE(c.favourites, 0) AS Favourites,
                   COALESCE(c.replies, 0) AS Replies, COALESCE(c.disagreements, 0) AS Disagreements,
                   COALESCE(c.engagers, 0) AS Engagers, COALESCE(s.impressions, 0) AS Impressions,
                   CASE WHEN f.followed_uri IS NULL THEN 0 ELSE 1 END AS ViewerFollowsAuthor
            FROM recent r
            JOIN posts p ON p.uri = r.uri
            LEFT JOIN counts c ON c.post_uri = p.uri
            LEFT JOIN seen s ON s.post_uri = p.uri
            LEFT JOIN account_follows f ON f.follower_uri = @Viewer AND f.followed_uri = p.author_uri
            ORDER BY p.published_at DESC, p.uri
            """;

    private static async Task<Dictionary<string, List<string>>> ReadHashtagsAsync(
        DbConnection connection, DbTransaction transaction, object args, CancellationToken ct)
    {
        const string selectTags = $"""
            WITH recent AS ({Window})
            SELECT h.post_uri AS PostUri, h.tag AS Tag
            FROM recent r CROSS JOIN post_hashtags h
            WHERE h.post_uri = r.uri
            ORDER BY h.post_uri, h.tag
            """;
        var byPost = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var (postUri, tag) in await connection.QueryAsync<(string, string)>(
                     new CommandDefinition(selectTags, args, transaction, cancellationToken: ct)))
        {
            if (!byPost.TryGetValue(postUri, out var list))
                byPost[postUri] = list = [];
            list.Add(tag);
        }
        return byPost;
    }

    // Settable properties, not a positional record: with no rows SQLite cannot type the computed
    // columns, and Dapper would find no constructor matching the types it is told.
    private sealed class CandidateRow
    {
        public string PostUri { get; init; } = "";
        public string Author { get; init; } = "";
        public string Instance { get; init; } = "";
        public long PublishedAt { get; init; }
        public string? Language { get; init; }
        public long MediaCount { get; init; }
        public string? ContentWarning { get; init; }
        public string? InReplyTo { get; init; }
        public string Text { get; init; } = "";
        public long Boosts { get; init; }
        public long Favourites { get; init; }
        public long Replies { get; init; }
        public long Disagreements { get; init; }
        public long Engagers { get; init; }
        public long Impressions { get; init; }
        public long ViewerFollowsAuthor { get; init; }

        public Candidate ToCandidate(IReadOnlyList<string> hashtags) => new()
        {
            PostUri = PostUri,
            Author = Author,
            Instance = Instance,
            Published = UnixTime.FromMs(PublishedAt),
            Language = Language,
            MediaCount = (int)MediaCount,
            ContentWarning = string.IsNullOrEmpty(ContentWarning) ? null : ContentWarning,
            IsReply = InReplyTo is not null,
            Text = Text,
            Length = Text.Length,
            Hashtags = hashtags,
            Boosts = (int)Boosts,
            Favourites = (int)Favourites,
            Replies = (int)Replies,
            Disagreements = (int)Disagreements,
            DistinctEngagers = (int)Engagers,
            Impressions = (int)Impressions,
            ViewerFollowsAuthor = ViewerFollowsAuthor != 0,
        };
    }
}
