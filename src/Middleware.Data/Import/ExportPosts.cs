using System.Data.Common;
using System.Runtime.CompilerServices;
using Middleware.Core.Import;
using Middleware.Core.Posts;

namespace Middleware.Data.Import;

/// <summary>The public posts of an export in publication order, each with its hashtags: one row per
/// (post, hashtag) joined in SQL and folded here, so no per-post query and no database-specific
/// string aggregation is needed.</summary>
internal static class ExportPosts
{
    public static async IAsyncEnumerable<ImportedPost> ReadAsync(DbConnection connection, DbTransaction tx, object args, [EnumeratorCancellation] CancellationToken ct)
    {
        const string selectPosts = """
            SELECT p.uri AS Uri, p.url AS Url, p.author_uri AS Author, p.instance AS Instance, p.content_text AS Text,
                   p.language AS Language, p.published_at AS Published, p.in_reply_to_uri AS InReplyTo,
                   p.content_warning AS ContentWarning, p.sensitive AS Sensitive, p.media_count AS MediaCount, h.tag AS Tag
            FROM posts p LEFT JOIN post_hashtags h ON h.post_uri = p.uri
            WHERE p.visibility = 'public' AND p.published_at >= @From AND p.published_at < @To
            ORDER BY p.published_at, p.uri, h.tag
            """;
        PostRow? current = null;
        var tags = new List<string>();
        await foreach (var row in ExportSource.Rows<PostRow>(connection, tx, selectPosts, args, ct))
        {
            if (current is not null && current.Uri != row.Uri)
            {
                yield return current.ToImported(tags);
                tags = [];
            }
            current = row;
            if (row.Tag is not null)
                tags.Add(row.Tag);
        }
        if (current is not null)
            yield return current.ToImported(tags);
    }

    private sealed class PostRow
    {
        public string Uri { get; init; } = "";
        public string? Url { get; init; }
        public string Author { get; init; } = "";
        public string Instance { get; init; } = "";
        public string Text { get; init; } = "";
        public string? Language { get; init; }
        public long Published { get; init; }
        public string? InReplyTo { get; init; }
        public string? ContentWarning { get; init; }
        public long Sensitive { get; init; }
        public long MediaCount { get; init; }
        public string? Tag { get; init; }

        public ImportedPost ToImported(IReadOnlyList<string> hashtags) => new(0, new Post
        {
            Uri = Uri,
            Url = Url,
            AuthorUri = Author,
            Instance = Instance,
            ContentText = Text,
            Language = Language,
            Published = UnixTime.FromMs(Published),
            InReplyToUri = InReplyTo,
            ContentWarning = ContentWarning,
            Sensitive = Sensitive != 0,
            MediaCount = (int)MediaCount,
            Hashtags = hashtags,
            Visibility = Visibility.Public,
        });
    }
}
