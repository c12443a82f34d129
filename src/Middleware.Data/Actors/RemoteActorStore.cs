using Dapper;
using Middleware.Core.Actors;
using Middleware.Data.Coordination;

namespace Middleware.Data.Actors;

public sealed class RemoteActorStore(IDbConnectionFactory db) : IRemoteActorStore
{
    private const string SelectColumns = """
        SELECT uri AS Uri, inbox AS Inbox, shared_inbox AS SharedInbox, username AS Username,
               host AS Host, display_name AS DisplayName, url AS Url, type AS Type,
               public_key_id AS PublicKeyId, public_key_pem AS PublicKeyPem,
               discoverable AS Discoverable, indexable AS Indexable, fetched_at AS FetchedAt
        FROM remote_actors
        """;

    public async Task<RemoteActor?> FindAsync(string uri, CancellationToken ct = default)
    {
        await using var connection = await db.OpenAsync(ct);

        const string sql = SelectColumns + " WHERE uri = @uri";
        var row = await connection.QuerySingleOrDefaultAsync<RemoteActorRow>(
            new CommandDefinition(sql, new { uri }, cancellationToken: ct));
        return row?.ToActor();
    }

    /// <summary>Ignored for a tombstoned actor: a deleted actor is never cached again.</summary>
    public async Task UpsertAsync(RemoteActor actor, CancellationToken ct = default)
    {
        await using var connection = await db.OpenForWriteAsync(ct);

        const string sql = """
            INSERT INTO remote_actors (uri, inbox, shared_inbox, username, host, display_name, url, type,
                                       public_key_id, public_key_pem, discoverable, indexable, fetched_at)
            SELECT @Uri, @Inbox, @SharedInbox, @Username, @Host, @DisplayName, @Url, @Type,
                   @PublicKeyId, @PublicKeyPem, @Discoverable, @Indexable, @FetchedAt
            WHERE NOT EXISTS (SELECT 1 FROM actor_tombstones WHERE uri = @Uri)
            ON CONFLICT (uri) DO UPDATE SET
                inbox = excluded.inbox,
                shared_inbox = excluded.shared_inbox,
                username = excluded.username,
                host = excluded.host,
                display_name = excluded.display_name,
                url = excluded.url,
                type = excluded.type,
                public_key_id = excluded.public_key_id,
                public_key_pem = excluded.public_key_pem,
                discoverable = excluded.discoverable,
                indexable = excluded.indexable,
                fetched_at = excluded.fetched_at
            """;
        await connection.ExecuteAsync(new CommandDefinition(sql, new
        {
            actor.Uri,
            actor.Inbox,
            actor.SharedInbox,
            actor.Username,
            actor.Host,
            actor.DisplayName,
            actor.Url,
            actor.Type,
            actor.PublicKeyId,
            actor.PublicKeyPem,
            Discoverable = actor.Discoverable ? 1 : 0,
            Indexable = actor.Indexable is { } indexable ? (indexable ? 1 : 0) : (int?)null,
            FetchedAt = UnixTime.ToMs(actor.FetchedAt),
        }, cancellationToken: ct));
        if (actor.Published is { } published)
            await AccountFacts.RecordCreatedAsync(connection, null, actor.Uri, published, ct);
    }

    public async Task<bool> IsTombstonedAsync(string uri, CancellationToken ct = default)
    {
        await using var connection = await db.OpenAsync(ct);

        const string sql = """
            SELECT COUNT(*) FROM actor_tombstones WHERE uri = @uri
            """;
        return await connection.ExecuteScalarAsync<long>(new CommandDefinition(sql, new { uri }, cancellationToken: ct)) > 0;
    }

    private sealed class RemoteActorRow
    {
        public string Uri { get; init; } = "";
        public string Inbox { get; init; } = "";
        public string? SharedInbox { get; init; }
        public string? Username { get; init; }
        public string Host { get; init; } = "";
        public string? DisplayName { get; init; }
        public string? Url { get; init; }
        public string? Type { get; init; }
        public string? PublicKeyId { get; init; }
        public string? PublicKeyPem { get; init; }
        public long Discoverable { get; init; }
        public long? Indexable { get; init; }
        public long FetchedAt { get; init; }

        public RemoteActor ToActor() => new()
        {
            Uri = Uri,
            Inbox = Inbox,
            SharedInbox = SharedInbox,
            Username = Username,
            Host = Host,
            DisplayName = DisplayName,
            Url = Url,
            Type = Type,
            PublicKeyId = PublicKeyId,
            PublicKeyPem = PublicKeyPem,
            Discoverable = Discoverable != 0,
            Indexable = Indexable is { } indexable ? indexable != 0 : null,
            FetchedAt = UnixTime.FromMs(FetchedAt),
        };
    }
}
