namespace Middleware.Data.Ingest;

internal static class ActorWrites
{
    /// <summary>Removes everything the actor authored or did (signals given through the service
    /// included; those about its posts go with the posts), tombstones the actor and each of its
    /// posts, and drops it from our followers, the actor cache, account facts and recorded
    /// coordinated groups.</summary>
    public static async Task DeleteAsync(ChangeScope scope, string actorUri)
    {
        const string sql = """
            INSERT INTO actor_tombstones (uri, deleted_at) VALUES (@ActorUri, @Now)
            ON CONFLICT (uri) DO NOTHING;
            INSERT INTO post_tombstones (uri, deleted_at)
            SELECT uri, @Now FROM posts WHERE author_uri = @ActorUri
            ON CONFLICT (uri) DO NOTHING;
            DELETE FROM interactions WHERE post_uri IN (SELECT uri FROM posts WHERE author_uri = @ActorUri);
            DELETE FROM interactions WHERE actor_uri = @ActorUri;
            DELETE FROM person_signals WHERE person_uri = @ActorUri;
            DELETE FROM post_hashtags WHERE post_uri IN (SELECT uri FROM posts WHERE author_uri = @ActorUri);
            DELETE FROM post_mentions WHERE post_uri IN (SELECT uri FROM posts WHERE author_uri = @ActorUri);
            DELETE FROM posts WHERE author_uri = @ActorUri;
            DELETE FROM followers WHERE actor_uri = @ActorUri;
            DELETE FROM remote_actors WHERE uri = @ActorUri;
            DELETE FROM account_facts WHERE actor_uri = @ActorUri;
            DELETE FROM coordinated_group_members WHERE actor_uri = @ActorUri;
            """;
        await scope.ExecuteAsync(sql, new { ActorUri = actorUri, scope.Now });
    }

    public static Task RecordConsentAsync(ChangeScope scope, Middleware.Core.Ingest.RecordAuthorConsent consent)
    {
        const string upsert = """
            INSERT INTO author_consent (actor_uri, discoverable, indexable, updated_at)
            VALUES (@ActorUri, @Discoverable, @Indexable, @Now)
            ON CONFLICT (actor_uri) DO UPDATE SET
                discoverable = excluded.discoverable, indexable = excluded.indexable, updated_at = excluded.updated_at
            """;
        return scope.ExecuteAsync(upsert, new
        {
            consent.ActorUri,
            Discoverable = consent.Discoverable ? 1 : 0,
            Indexable = consent.Indexable is { } indexable ? (indexable ? 1 : 0) : (int?)null,
            scope.Now,
        });
    }
}
