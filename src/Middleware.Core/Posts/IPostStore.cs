namespace Middleware.Core.Posts;

/// <summary>Reads of stored posts. Writes go through <see cref="Ingest.IChangeWriter"/>.</summary>
public interface IPostStore
{
    Task<PostView?> FindAsync(string uri, CancellationToken ct = default);

    /// <summary>The author of a stored post, or null when it is not stored.</summary>
    Task<string?> FindAuthorAsync(string uri, CancellationToken ct = default);

    /// <summary>Which of <paramref name="uris"/> are stored and public now (one query, for pages that
    /// keep posts they read earlier and must drop those deleted since).</summary>
    Task<IReadOnlySet<string>> PublicOfAsync(IReadOnlyCollection<string> uris, CancellationToken ct = default);

    /// <summary>True when the post was deleted: it must never be stored again.</summary>
    Task<bool> IsTombstonedAsync(string uri, CancellationToken ct = default);
}
