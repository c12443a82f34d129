using Middleware.Core.Follows;
using Middleware.Core.Ingest;

namespace Middleware.Data.Ingest;

internal static class FollowWrites
{
    /// <summary>A repeated Follow refreshes the inboxes and Follow id but keeps the original date.
    /// A deleted actor cannot follow.</summary>
    public static async Task AddAsync(ChangeScope scope, Follower follower)
    {
        const string sql = """
            INSERT INTO followers (local_username, actor_uri, inbox, shared_inbox, follow_activity_uri, since)
            SELECT @LocalUsername, @ActorUri, @Inbox, @SharedInbox, @FollowActivityUri, @Since
            WHERE NOT EXISTS (SELECT 1 FROM actor_tombstones WHERE uri = @ActorUri)
            ON CONFLICT (local_username, actor_uri) DO UPDATE SET
                inbox = excluded.inbox,
                shared_inbox = excluded.shared_inbox,
                follow_activity_uri = excluded.follow_activity_uri
            """;
        await scope.ExecuteAsync(sql, new
        {
            follower.LocalUsername,
            follower.ActorUri,
            follower.Inbox,
            follower.SharedInbox,
            follower.FollowActivityUri,
            Since = UnixTime.ToMs(follower.Since),
        });
    }

    public static async Task RemoveAsync(ChangeScope scope, string localUsername, string actorUri)
    {
        const string sql = """
            DELETE FROM followers WHERE local_username = @localUsername AND actor_uri = @actorUri
            """;
        await scope.ExecuteAsync(sql, new { localUsername, actorUri });
    }

    public static async Task RemoveAtInboxAsync(ChangeScope scope, string inboxUrl)
    {
        const string sql = "DELETE FROM followers WHERE inbox = @inboxUrl OR shared_inbox = @inboxUrl";
        await scope.ExecuteAsync(sql, new { inboxUrl });
    }

    /// <summary>Remembers the block and stops delivering to that actor by dropping it as a follower.</summary>
    public static async Task BlockAsync(ChangeScope scope, RecordBlock block)
    {
        const string sql = """
            INSERT INTO blocks (local_username, actor_uri, activity_uri, blocked_at)
            VALUES (@LocalUsername, @ActorUri, @ActivityUri, @Now)
            ON CONFLICT (local_username, actor_uri) DO UPDATE SET
                activity_uri = excluded.activity_uri,
                blocked_at = excluded.blocked_at;
            DELETE FROM followers WHERE local_username = @LocalUsername AND actor_uri = @ActorUri;
            """;
        await scope.ExecuteAsync(sql, new { block.LocalUsername, block.ActorUri, block.ActivityUri, scope.Now });
    }
}
