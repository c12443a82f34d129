using Middleware.Core.Posts;

namespace Middleware.Data.Ingest;

/// <summary>Interactions are written deferred: nothing reads their outcome, so a commit sends them
/// with its other deferred statements. No post upsert reads them, so posts written after them may
/// still join an earlier batch of posts, except the post an added interaction needs
/// (<see cref="ChangeScope.DeferBesidePosts"/>).</summary>
internal static class InteractionWrites
{
    /// <summary>Stored only when the post is stored, the actor not deleted and the activity not a
    /// deleted post (a reply's activity is the reply itself: a redelivered Create of a deleted reply
    /// must not count again); a repeat (same activity, or a second boost/favourite of the same post by
    /// the same actor) is ignored.</summary>
    public static Task AddAsync(ChangeScope scope, Interaction interaction)
    {
        const string sql = """
            INSERT INTO interactions (activity_uri, kind, actor_uri, post_uri, occurred_at)
            SELECT @ActivityUri, @Kind, @ActorUri, @PostUri, @At
            WHERE EXISTS (SELECT 1 FROM posts WHERE uri = @PostUri)
              AND NOT EXISTS (SELECT 1 FROM actor_tombstones WHERE uri = @ActorUri)
              AND NOT EXISTS (SELECT 1 FROM post_tombstones WHERE uri = @ActivityUri)
            ON CONFLICT DO NOTHING
            """;
        scope.DeferBesidePosts(sql, new
        {
            interaction.ActivityUri,
            Kind = EnumText.From(interaction.Kind),
            interaction.ActorUri,
            interaction.PostUri,
            At = UnixTime.ToMs(interaction.At),
        }, readsPost: interaction.PostUri);
        return Task.CompletedTask;
    }

    /// <summary>Only the actor who made the interaction can undo it.</summary>
    public static Task RemoveAsync(ChangeScope scope, string activityUri, string actorUri)
    {
        const string sql = """
            DELETE FROM interactions WHERE activity_uri = @activityUri AND actor_uri = @actorUri
            """;
        scope.DeferBesidePosts(sql, new { activityUri, actorUri });
        return Task.CompletedTask;
    }

    public static Task RemoveOnPostAsync(ChangeScope scope, InteractionKind kind, string actorUri, string postUri)
    {
        const string sql = """
            DELETE FROM interactions WHERE post_uri = @postUri AND kind = @Kind AND actor_uri = @actorUri
            """;
        scope.DeferBesidePosts(sql, new { postUri, Kind = EnumText.From(kind), actorUri });
        return Task.CompletedTask;
    }
}
