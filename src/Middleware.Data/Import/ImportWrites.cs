using System.Data.Common;
using Middleware.Core.Import;
using Middleware.Core.Posts;
using Middleware.Data.Ingest;

namespace Middleware.Data.Import;

/// <summary>The statements an import runs, each prepared once per import.</summary>
internal static class ImportWrites
{
    public static Task<long> ScalarAsync(WriterSession session, DbTransaction tx, string sql, object param, CancellationToken ct) =>
        session.ScalarAsync(sql, param, tx, ct);

    /// <summary>Inserts the post and its hashtags; false when a post with that uri is stored already
    /// (it is left as it is: the network's copy is the better one) or its author deleted their account
    /// (as for federated posts, an import does not bring a deleted account's posts back).</summary>
    public static async Task<bool> InsertPostAsync(WriterSession session, DbTransaction tx, Post post, long now, CancellationToken ct)
    {
        const string insert = """
            INSERT INTO posts (uri, url, author_uri, instance, content_html, content_text, language,
                               published_at, updated_at, in_reply_to_uri, content_warning, sensitive,
                               media_count, visibility, object_type, stored_at, text_fingerprint, origin)
            SELECT @Uri, @Url, @AuthorUri, @Instance, NULL, @ContentText, @Language,
                   @PublishedAt, NULL, @InReplyToUri, @ContentWarning, @Sensitive,
                   @MediaCount, 'public', @ObjectType, @Now, @TextFingerprint, 'import' 
            WHERE NOT EXISTS (SELECT 1 FROM actor_tombstones WHERE uri = @AuthorUri)
            ON CONFLICT (uri) DO NOTHING
            """;
        var written = await session.ExecuteAsync(insert, new
        {
            post.Uri,
            post.Url,
            post.AuthorUri,
            post.Instance,
            post.ContentText,
            post.Language,
            PublishedAt = UnixTime.ToMs(post.Published),
            post.InReplyToUri,
            post.ContentWarning,
            Sensitive = post.Sensitive ? 1 : 0,
            post.MediaCount,
            post.ObjectType,
            Now = now,
            TextFingerprint = PostWrites.Fingerprint(post.ContentText),
        }, tx, ct);
        if (written == 0)
            return false;

        const string insertTag = "INSERT INTO post_hashtags (post_uri, tag) VALUES (@PostUri, @Tag) ON CONFLICT DO NOTHING";
        foreach (var tag in post.Hashtags)
            await session.ExecuteAsync(insertTag, new { PostUri = post.Uri, Tag = tag }, tx, ct);
        return true;
    }

    public static async Task<bool> PostExistsAsync(WriterSession session, DbTransaction tx, string uri, CancellationToken ct)
    {
        const string sql = "SELECT COUNT(*) FROM posts WHERE uri = @Uri";
        return await session.ScalarAsync(sql, new { Uri = uri }, tx, ct) > 0;
    }

    /// <summary>False when the same interaction (same kind, actor, post and time) was imported before,
    /// the actor's boost or favourite of that post is stored already, or the actor deleted their account.</summary>
    public static async Task<bool> AddInteractionAsync(WriterSession session, DbTransaction tx, ImportedInteraction record, string activityUri, long atMs, CancellationToken ct)
    {
        const string insert = """
            INSERT INTO interactions (activity_uri, kind, actor_uri, post_uri, occurred_at)
            SELECT @ActivityUri, @Kind, @Actor, @PostUri, @At
            WHERE NOT EXISTS (SELECT 1 FROM actor_tombstones WHERE uri = @Actor)
            ON CONFLICT DO NOTHING
            """;
        return await session.ExecuteAsync(insert, new
        {
            ActivityUri = activityUri,
            Kind = ImportStore.KindText(record.Kind),
            record.Actor,
            record.PostUri,
            At = atMs,
        }, tx, ct) > 0;
    }

    /// <summary>An imported <c>seen</c> establishes that the viewer was shown the post: the impression
    /// exists at least once, and its first and last times cover the record's time. It never adds to
    /// <c>times</c> (that counts servings by this service), so importing the same file again changes
    /// nothing. True when the record added the impression or widened its times.</summary>
    public static async Task<bool> AddImpressionAsync(WriterSession session, DbTransaction tx, string viewer, string postUri, long atMs, CancellationToken ct)
    {
        const string upsert = """
            INSERT INTO impressions (viewer_uri, post_uri, feed, first_served_at, last_served_at, times)
            SELECT @Viewer, @PostUri, 'import', @At, @At, 1
            WHERE NOT EXISTS (SELECT 1 FROM actor_tombstones WHERE uri = @Viewer)
            ON CONFLICT (viewer_uri, post_uri) DO UPDATE SET
                first_served_at = CASE WHEN excluded.first_served_at < impressions.first_served_at
                                       THEN excluded.first_served_at ELSE impressions.first_served_at END,
                last_served_at = CASE WHEN excluded.last_served_at > impressions.last_served_at
                                      THEN excluded.last_served_at ELSE impressions.last_served_at END
            WHERE excluded.first_served_at < impressions.first_served_at
               OR excluded.last_served_at > impressions.last_served_at
            """;
        return await session.ExecuteAsync(upsert, new { Viewer = viewer, PostUri = postUri, At = atMs }, tx, ct) > 0;
    }

    /// <summary>Records when the account was created (1), unless it was deleted (0), and its consent
    /// to discovery when the record gives it.</summary>
    public static async Task<int> RecordAccountAsync(WriterSession session, DbTransaction tx, ImportedAccount account, CancellationToken ct)
    {
        const string upsert = """
            INSERT INTO account_facts (actor_uri, created_at)
            SELECT @Uri, @Created
            WHERE NOT EXISTS (SELECT 1 FROM actor_tombstones WHERE uri = @Uri)
            ON CONFLICT (actor_uri) DO UPDATE SET created_at = excluded.created_at
            """;
        var recorded = await session.ExecuteAsync(upsert, new { account.Uri, Created = UnixTime.ToMs(account.Created) }, tx, ct);
        if (recorded > 0 && account.Discoverable is { } discoverable)
        {
            const string consent = """
                INSERT INTO author_consent (actor_uri, discoverable, indexable, updated_at)
                VALUES (@Uri, @Discoverable, @Indexable, @Now)
                ON CONFLICT (actor_uri) DO UPDATE SET
                    discoverable = excluded.discoverable, indexable = excluded.indexable, updated_at = excluded.updated_at
                """;
            await session.ExecuteAsync(consent, new
            {
                account.Uri, Discoverable = discoverable ? 1 : 0,
                Indexable = account.Indexable is { } indexable ? (indexable ? 1 : 0) : (int?)null,
                Now = UnixTime.ToMs(DateTimeOffset.UtcNow),
            }, tx, ct);
        }
        return recorded;
    }
}
