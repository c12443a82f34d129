namespace Middleware.Core.Accounts;

/// <summary>Whom a person follows, as their home instance reports it (<c>account_follows</c>), kept
/// only for people who opted in to recording; rankers read it as "the viewer follows the author".</summary>
public interface IAccountFollowStore
{
    /// <summary>Replaces everything stored for <paramref name="followerUri"/> with
    /// <paramref name="followedUris"/> in one transaction (so unfollows disappear), and notes the time.</summary>
    Task ReplaceAsync(string followerUri, IReadOnlyCollection<string> followedUris, DateTimeOffset at, CancellationToken ct = default);

    /// <summary>Forgets the person's following list and when it was read.</summary>
    Task DeleteAsync(string followerUri, CancellationToken ct = default);

    /// <summary>When the list was last replaced; null when it never was (or was deleted).</summary>
    Task<DateTimeOffset?> SyncedAtAsync(string followerUri, CancellationToken ct = default);
}
