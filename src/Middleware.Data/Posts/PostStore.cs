using Dapper;
using Middleware.Core.Posts;

namespace Middleware.Data.Posts;

public sealed class PostStore(IDbConnectionFactory db) : IPostStore
{
    public async Task<IReadOnlySet<string>> PublicOfAsync(IReadOnlyCollection<string> uris, CancellationToken ct = default)
    {
        if (uris.Count == 0)
            return new HashSet<string>();
        await using var connection = await db.OpenAsync(ct);
        // Dapper expands the list into IN (@Uris1, @Uris2, …) for SQLite; PostgreSQL takes an array (ListParameters).
        const string selectPublic = "SELECT uri FROM posts WHERE uri IN @Uris AND visibility = 'public'";
        var stored = await connection.QueryAsync<string>(new CommandDefinition(db.Lists(selectPublic), new { Uris = uris.ToArray() }, cancellationToken: ct));
        return stored.ToHashSet(StringComparer.Ordinal);
    }

    public async Task<PostView?> FindAsync(string uri, CancellationToken ct = default)
    {
        await using var connection = await db.OpenAsync(ct);

        const string selectPost = """
            SELECT uri AS Uri, url AS Url, author_uri AS AuthorUri, instance AS Instance,
                   content_html AS ContentHtml, content_text AS ContentText, language AS Language,
                   published_at AS PublishedAt, updated_at AS UpdatedAt, in_reply_to_uri AS InReplyToUri,
                   content_warning AS ContentWarning, sensitive AS Sensitive, media_count AS MediaCount,
                   visibility AS Visibility, object_type AS ObjectType
            FROM posts
            WHERE uri = @uri
            """;
        var row = await connection.QuerySingleOrDefaultAsync<PostRow>(
            new CommandDefinition(selectPost, new { uri }, cancellationToken: ct));
        if (row is null)
        {
            return null;
        }

        const string selectTags = """
            SELECT tag FROM post_hashtags WHERE post_uri = @uri ORDER BY tag
            """;
        var tags = await connection.QueryAsync<string>(new CommandDefinition(selectTags, new { uri }, cancellationToken: ct));

        const string selectMentions = """
            SELECT actor_uri FROM post_mentions WHERE post_uri = @uri ORDER BY actor_uri
            """;
        var mentions = await connection.QueryAsync<string>(new CommandDefinition(selectMentions, new { uri }, cancellationToken: ct));

        const string countInteractions = """
            SELECT
                COALESCE(SUM(CASE WHEN kind = 'boost' THEN 1 ELSE 0 END), 0) AS Boosts,
                COALESCE(SUM(CASE WHEN kind = 'favourite' THEN 1 ELSE 0 END), 0) AS Favourites,
                COALESCE(SUM(CASE WHEN kind = 'reply' THEN 1 ELSE 0 END), 0) AS Replies
            FROM interactions
            WHERE post_uri = @uri
            """;
        var counts = await connection.QuerySingleAsync<CountsRow>(
            new CommandDefinition(countInteractions, new { uri }, cancellationToken: ct));

        const string selectBoosters = """
            SELECT actor_uri FROM interactions
            WHERE post_uri = @uri AND kind = 'boost'
            ORDER BY occurred_at, id
            """;
        var boosters = await connection.QueryAsync<string>(new CommandDefinition(selectBoosters, new { uri }, cancellationToken: ct));

        return new PostView(
            row.ToPost(tags.AsList(), mentions.AsList()),
            (int)counts.Boosts,
            (int)counts.Favourites,
            (int)counts.Replies,
            boosters.AsList());
    }

    public async Task<string?> FindAuthorAsync(string uri, CancellationToken ct = default)
    {
        await using var connection = await db.OpenAsync(ct);

        const string sql = """
            SELECT author_uri FROM posts WHERE uri = @uri
            """;
        return await connection.QuerySingleOrDefaultAsync<string>(new CommandDefinition(sql, new { uri }, cancellationToken: ct));
    }

    public async Task<bool> IsTombstonedAsync(string uri, CancellationToken ct = default)
    {
        await using var connection = await db.OpenAsync(ct);

        const string sql = """
            SELECT COUNT(*) FROM post_tombstones WHERE uri = @uri
            """;
        return await connection.ExecuteScalarAsync<long>(new CommandDefinition(sql, new { uri }, cancellationToken: ct)) > 0;
    }

    private sealed class CountsRow
    {
        public long Boosts { get; init; }
        public long Favourites { get; init; }
        public long Replies { get; init; }
    }

    private sealed class PostRow
    {
        public string Uri { get; init; } = "";
        public string? Url { get; init; }
        public string AuthorUri { get; init; } = "";
        public string Instance { get; init; } = "";
        public string? ContentHtml { get; init; }
        public string ContentText { get; init; } = "";
        public string? Language { get; init; }
        public long PublishedAt { get; init; }
        public long? UpdatedAt { get; init; }
        public string? InReplyToUri { get; init; }
        public string? ContentWarning { get; init; }
        public long Sensitive { get; init; }
        public long MediaCount { get; init; }
        public string Visibility { get; init; } = "";
        public string ObjectType { get; init; } = "";

        public Post ToPost(IReadOnlyList<string> hashtags, IReadOnlyList<string> mentions) => new()
        {
            Uri = Uri,
            Url = Url,
            AuthorUri = AuthorUri,
            Instance = Instance,
            ContentHtml = ContentHtml,
            ContentText = ContentText,
            Language = Language,
            Published = UnixTime.FromMs(PublishedAt),
            Updated = UnixTime.FromMs(UpdatedAt),
            InReplyToUri = InReplyToUri,
            ContentWarning = ContentWarning,
            Sensitive = Sensitive != 0,
            MediaCount = (int)MediaCount,
            Hashtags = hashtags,
            Mentions = mentions,
            Visibility = EnumText.ToVisibility(Visibility),
            ObjectType = ObjectType,
        };
    }
}
