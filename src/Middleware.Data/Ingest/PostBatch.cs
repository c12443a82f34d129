using Middleware.Core.Posts;

namespace Middleware.Data.Ingest;

/// <summary>One post to upsert, with its normalised hashtags and mentions.</summary>
internal sealed record PostToWrite(Post Post, PostOrigin Origin, string[] Tags, string[] Mentions);

/// <summary>PostgreSQL: the posts of one commit written by one statement, as arrays, one element per
/// post; the children as flat (post, tag) and (post, mention) pairs. Starting a writing statement
/// costs PostgreSQL more than its rows do (the upsert has five writing parts), so a commit of 64
/// Creates pays that once instead of 64 times (ADR 0046).
/// <para>A batch runs where its first post was deferred, so a later post joins it only when that
/// cannot change an outcome: not the same post again (one statement cannot upsert a row twice, and
/// the second copy must see the first), and not a post that a statement deferred since the batch
/// reads (<see cref="Pin"/>: an interaction counts only when its post is stored). Anything else
/// deferred or run in between closes the batch (<see cref="ChangeScope"/>).</para></summary>
internal sealed class PostBatch(long now)
{
    private readonly List<PostToWrite> _rows = [];
    private readonly HashSet<string> _taken = new(StringComparer.Ordinal);

    /// <summary>False when the post is already in the batch or pinned after it.</summary>
    public bool TryAdd(PostToWrite row)
    {
        if (!_taken.Add(row.Post.Uri))
            return false;
        _rows.Add(row);
        return true;
    }

    /// <summary>A statement deferred after this batch reads <paramref name="uri"/>: its upsert may not
    /// join the batch and so run before that statement.</summary>
    public void Pin(string uri) => _taken.Add(uri);

    // The statement's parameters, read when the batch is sent (after which nothing joins it).
    public long Now => now;
    public string[] Uris => Column(r => r.Post.Uri);
    public string?[] Urls => Column(r => r.Post.Url);
    public string[] AuthorUris => Column(r => r.Post.AuthorUri);
    public string[] Instances => Column(r => r.Post.Instance);
    public string?[] ContentHtmls => Column(r => r.Post.ContentHtml);
    public string[] ContentTexts => Column(r => r.Post.ContentText);
    public string?[] Languages => Column(r => r.Post.Language);
    public long[] PublishedAts => Column(r => UnixTime.ToMs(r.Post.Published));
    public long?[] UpdatedAts => Column(r => UnixTime.ToMs(r.Post.Updated));
    public string?[] InReplyToUris => Column(r => r.Post.InReplyToUri);
    public string?[] ContentWarnings => Column(r => r.Post.ContentWarning);
    public long[] Sensitives => Column(r => r.Post.Sensitive ? 1L : 0L);
    public long[] MediaCounts => Column(r => (long)r.Post.MediaCount);
    public string[] Visibilities => Column(r => EnumText.From(r.Post.Visibility));
    public string[] ObjectTypes => Column(r => r.Post.ObjectType);
    public long?[] TextFingerprints => Column(r => PostWrites.Fingerprint(r.Post.ContentText));
    public string[] Origins => Column(r => EnumText.From(r.Origin));
    public string[] TagPosts => Pairs(r => r.Tags).Select(p => p.Post).ToArray();
    public string[] Tags => Pairs(r => r.Tags).Select(p => p.Value).ToArray();
    public string[] MentionPosts => Pairs(r => r.Mentions).Select(p => p.Post).ToArray();
    public string[] Mentions => Pairs(r => r.Mentions).Select(p => p.Value).ToArray();

    private T[] Column<T>(Func<PostToWrite, T> value) => _rows.Select(value).ToArray();

    private IEnumerable<(string Post, string Value)> Pairs(Func<PostToWrite, string[]> values) =>
        _rows.SelectMany(r => values(r).Select(v => (r.Post.Uri, v)));
}
