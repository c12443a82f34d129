using Middleware.Core.Posts;

namespace Middleware.Data.Ingest;

internal static class PostWrites
{
    /// <summary>Inserts or replaces a post with its hashtags and mentions. Skipped when the post or its
    /// author is tombstoned, when the stored post has another author, or when the stored copy is
    /// newer (a late redelivery must not undo an Update), or when a polled copy would replace one that
    /// came over federation (ADR 0024).</summary>
    public static async Task UpsertAsync(ChangeScope scope, Post post, PostOrigin origin = PostOrigin.Federation)
    {
        var tags = NormaliseHashtags(post.Hashtags).ToArray();
        var mentions = post.Mentions.Where(m => !string.IsNullOrWhiteSpace(m)).Distinct(StringComparer.Ordinal).ToArray();
        if (scope.Dialect == SqlDialect.PostgreSql)
        {
            scope.DeferPost(UpsertBatch, new PostToWrite(post, origin, tags, mentions));
            return;
        }

        var written = await scope.ExecuteAsync(Upsert, new PostParameters(scope, post, origin));
        if (written == 0)
        {
            return;
        }

        // The children are replaced: their rows go, then the post's own come back.
        var children = new List<(string Sql, object Param)>
        {
            ("DELETE FROM post_hashtags WHERE post_uri = @Uri", new { post.Uri }),
            ("DELETE FROM post_mentions WHERE post_uri = @Uri", new { post.Uri }),
        };
        const string insertTag = """
            INSERT INTO post_hashtags (post_uri, tag) VALUES (@Uri, @Tag)
            ON CONFLICT (post_uri, tag) DO NOTHING
            """;
        foreach (var tag in tags)
            children.Add((insertTag, new { post.Uri, Tag = tag }));

        const string insertMention = """
            INSERT INTO post_mentions (post_uri, actor_uri) VALUES (@Uri, @ActorUri)
            ON CONFLICT (post_uri, actor_uri) DO NOTHING
            """;
        foreach (var mention in mentions)
            children.Add((insertMention, new { post.Uri, ActorUri = mention }));

        await scope.ExecuteAllAsync(children);
    }

    private const string Upsert = """
            INSERT INTO posts (uri, url, author_uri, instance, content_html, content_text, language,
                               published_at, updated_at, in_reply_to_uri, content_warning, sensitive,
                               media_count, visibility, object_type, stored_at, text_fingerprint, origin)
            SELECT @Uri, @Url, @AuthorUri, @Instance, @ContentHtml, @ContentText, @Language,
                   @PublishedAt, @UpdatedAt, @InReplyToUri, @ContentWarning, @Sensitive,
                   @MediaCount, @Visibility, @ObjectType, @Now, @TextFingerprint, @Origin
            WHERE NOT EXISTS (SELECT 1 FROM post_tombstones WHERE uri = @Uri)
              AND NOT EXISTS (SELECT 1 FROM actor_tombstones WHERE uri = @AuthorUri)
            """ + OnConflict;

    /// <summary>A stored post is replaced only by its own author, never by an older copy, and a polled
    /// copy never replaces one that came over federation.</summary>
    private const string OnConflict = """

            ON CONFLICT (uri) DO UPDATE SET
                url = excluded.url,
                instance = excluded.instance,
                content_html = excluded.content_html,
                content_text = excluded.content_text,
                language = excluded.language,
                published_at = excluded.published_at,
                updated_at = excluded.updated_at,
                in_reply_to_uri = excluded.in_reply_to_uri,
                content_warning = excluded.content_warning,
                sensitive = excluded.sensitive,
                media_count = excluded.media_count,
                visibility = excluded.visibility,
                object_type = excluded.object_type,
                text_fingerprint = excluded.text_fingerprint,
                origin = excluded.origin
            WHERE posts.author_uri = excluded.author_uri
              AND (posts.updated_at IS NULL OR excluded.updated_at >= posts.updated_at)
              AND (posts.origin <> 'federation' OR excluded.origin = 'federation')

            """;

    /// <summary>PostgreSQL: a commit's posts (<see cref="PostBatch"/>) and their children in one
    /// statement, nothing read back, so they travel in the commit's one deferred batch. Each row is
    /// the single-post <see cref="Upsert"/>: skipped when tombstoned, written only when the stored copy
    /// allows. The children change only for the posts written (the RETURNING rows): tags and mentions
    /// no longer named go, new ones come. The foreign keys are checked at the statement's end, after
    /// the posts are in.</summary>
    private const string UpsertBatch = """
        WITH stored AS (
            INSERT INTO posts (uri, url, author_uri, instance, content_html, content_text, language,
                               published_at, updated_at, in_reply_to_uri, content_warning, sensitive,
                               media_count, visibility, object_type, stored_at, text_fingerprint, origin)
            SELECT v.uri, v.url, v.author_uri, v.instance, v.content_html, v.content_text, v.language,
                   v.published_at, v.updated_at, v.in_reply_to_uri, v.content_warning, v.sensitive,
                   v.media_count, v.visibility, v.object_type, @Now, v.text_fingerprint, v.origin
            FROM unnest(@Uris, @Urls, @AuthorUris, @Instances, @ContentHtmls, @ContentTexts, @Languages,
                        @PublishedAts, @UpdatedAts, @InReplyToUris, @ContentWarnings, @Sensitives,
                        @MediaCounts, @Visibilities, @ObjectTypes, @TextFingerprints, @Origins)
                AS v(uri, url, author_uri, instance, content_html, content_text, language,
                     published_at, updated_at, in_reply_to_uri, content_warning, sensitive,
                     media_count, visibility, object_type, text_fingerprint, origin)
            WHERE NOT EXISTS (SELECT 1 FROM post_tombstones WHERE uri = v.uri)
              AND NOT EXISTS (SELECT 1 FROM actor_tombstones WHERE uri = v.author_uri)
        """ + OnConflict + """
            RETURNING uri
        ), tags AS (
            SELECT * FROM unnest(@TagPosts, @Tags) AS t(post_uri, tag)
        ), mentions AS (
            SELECT * FROM unnest(@MentionPosts, @Mentions) AS m(post_uri, actor_uri)
        ), old_tags AS (
            DELETE FROM post_hashtags AS h
            WHERE h.post_uri IN (SELECT uri FROM stored)
              AND NOT EXISTS (SELECT 1 FROM tags WHERE tags.post_uri = h.post_uri AND tags.tag = h.tag)
        ), old_mentions AS (
            DELETE FROM post_mentions AS pm
            WHERE pm.post_uri IN (SELECT uri FROM stored)
              AND NOT EXISTS (SELECT 1 FROM mentions WHERE mentions.post_uri = pm.post_uri AND mentions.actor_uri = pm.actor_uri)
        ), new_tags AS (
            INSERT INTO post_hashtags (post_uri, tag)
            SELECT tags.post_uri, tags.tag FROM tags WHERE tags.post_uri IN (SELECT uri FROM stored)
            ON CONFLICT (post_uri, tag) DO NOTHING
        )
        INSERT INTO post_mentions (post_uri, actor_uri)
        SELECT mentions.post_uri, mentions.actor_uri FROM mentions WHERE mentions.post_uri IN (SELECT uri FROM stored)
        ON CONFLICT (post_uri, actor_uri) DO NOTHING
        """;

    /// <summary>The upsert's parameters, by name.</summary>
    private class PostParameters(ChangeScope scope, Post post, PostOrigin origin)
    {
        public string Uri => post.Uri;
        public string? Url => post.Url;
        public string AuthorUri => post.AuthorUri;
        public string Instance => post.Instance;
        public string? ContentHtml => post.ContentHtml;
        public string ContentText => post.ContentText;
        public string? Language => post.Language;
        public long PublishedAt => UnixTime.ToMs(post.Published);
        public long? UpdatedAt => UnixTime.ToMs(post.Updated);
        public string? InReplyToUri => post.InReplyToUri;
        public string? ContentWarning => post.ContentWarning;
        public int Sensitive => post.Sensitive ? 1 : 0;
        public int MediaCount => post.MediaCount;
        public string Visibility => EnumText.From(post.Visibility);
        public string ObjectType => post.ObjectType;
        public long Now => scope.Now;
        public long? TextFingerprint => Fingerprint(post.ContentText);
        public string Origin => EnumText.From(origin);
    }

    /// <summary>Removes the post, its hashtags, mentions and interactions, and the reply interaction it
    /// made on its parent; keeps a tombstone (even for a post never stored) so it cannot come back.
    /// The reply interaction is found by its activity id being the post's uri or starting with it
    /// followed by a slash (Mastodon's <c>…/statuses/1/activity</c>).</summary>
    public static async Task DeleteAsync(ChangeScope scope, string uri)
    {
        const string sql = """
            INSERT INTO post_tombstones (uri, deleted_at) VALUES (@Uri, @Now)
            ON CONFLICT (uri) DO NOTHING;
            DELETE FROM interactions
            WHERE kind = 'reply'
              AND post_uri = (SELECT in_reply_to_uri FROM posts WHERE uri = @Uri)
              AND actor_uri = (SELECT author_uri FROM posts WHERE uri = @Uri)
              AND (activity_uri = @Uri OR substr(activity_uri, 1, @PrefixLength) = @Prefix);
            DELETE FROM interactions
            WHERE activity_uri = @Uri AND actor_uri = (SELECT author_uri FROM posts WHERE uri = @Uri);
            DELETE FROM interactions WHERE post_uri = @Uri;
            DELETE FROM post_hashtags WHERE post_uri = @Uri;
            DELETE FROM post_mentions WHERE post_uri = @Uri;
            DELETE FROM posts WHERE uri = @Uri;
            """;
        var prefix = uri + "/";
        await scope.ExecuteAsync(sql, new { Uri = uri, scope.Now, Prefix = prefix, PrefixLength = prefix.Length });
    }

    /// <summary>Lower-case, without the leading '#', each tag once.</summary>
    internal static IReadOnlyList<string> NormaliseHashtags(IEnumerable<string> hashtags) =>
        hashtags
            .Select(t => t.Trim().TrimStart('#').Trim().ToLowerInvariant())
            .Where(t => t.Length > 0)
            .Distinct(StringComparer.Ordinal)
            .ToList();

    /// <summary>The text's fingerprint as stored: the 64 bits as a signed BIGINT.</summary>
    public static long? Fingerprint(string? text) => TextFingerprint.Of(text) is { } f ? unchecked((long)f) : null;
}
