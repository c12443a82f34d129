using System.Text.Json;
using Dapper;
using Middleware.Core.Accounts;

namespace Middleware.Data.Accounts;

public sealed class ClientAccountStore(IDbConnectionFactory db, TimeProvider time) : IClientAccountStore
{
    private const string SelectColumns = """
        SELECT id AS Id, instance_host AS InstanceHost, upstream_id AS UpstreamId, acct AS Acct, actor_uri AS ActorUri,
               upstream_token AS UpstreamToken, ranker AS Ranker, ranker_parameters AS RankerParameters,
               record_interactions AS RecordInteractions, feed AS Feed, list_feeds AS ListFeeds, trends_feed AS TrendsFeed
        FROM client_accounts
        """;

    public async Task<ClientAccount> SaveLoginAsync(string instanceHost, string upstreamId, string acct, string actorUri,
        string encryptedUpstreamToken, CancellationToken ct = default)
    {
        await using var connection = await db.OpenForWriteAsync(ct);
        const string upsert = """
            INSERT INTO client_accounts (instance_host, upstream_id, acct, actor_uri, upstream_token, updated_at)
            VALUES (@instanceHost, @upstreamId, @acct, @actorUri, @encryptedUpstreamToken, @now)
            ON CONFLICT (instance_host, upstream_id) DO UPDATE
            SET acct = excluded.acct, actor_uri = excluded.actor_uri, upstream_token = excluded.upstream_token,
                updated_at = excluded.updated_at
            """;
        var now = UnixTime.ToMs(time.GetUtcNow());
        await connection.ExecuteAsync(new CommandDefinition(upsert,
            new { instanceHost, upstreamId, acct, actorUri, encryptedUpstreamToken, now }, cancellationToken: ct));

        const string select = SelectColumns + " WHERE instance_host = @instanceHost AND upstream_id = @upstreamId";
        var row = await connection.QuerySingleAsync<Row>(new CommandDefinition(select, new { instanceHost, upstreamId }, cancellationToken: ct));
        return row.ToAccount();
    }

    public async Task<ClientAccount> SaveWebSignInAsync(string instanceHost, string upstreamId, string acct, string actorUri,
        CancellationToken ct = default)
    {
        await using var connection = await db.OpenForWriteAsync(ct);
        // '' for a new account: the web sign-in keeps no upstream token (an app login sets one later).
        const string upsert = """
            INSERT INTO client_accounts (instance_host, upstream_id, acct, actor_uri, upstream_token, updated_at)
            VALUES (@instanceHost, @upstreamId, @acct, @actorUri, '', @now)
            ON CONFLICT (instance_host, upstream_id) DO UPDATE
            SET acct = excluded.acct, actor_uri = excluded.actor_uri, updated_at = excluded.updated_at
            """;
        var now = UnixTime.ToMs(time.GetUtcNow());
        await connection.ExecuteAsync(new CommandDefinition(upsert, new { instanceHost, upstreamId, acct, actorUri, now }, cancellationToken: ct));

        const string select = SelectColumns + " WHERE instance_host = @instanceHost AND upstream_id = @upstreamId";
        var row = await connection.QuerySingleAsync<Row>(new CommandDefinition(select, new { instanceHost, upstreamId }, cancellationToken: ct));
        return row.ToAccount();
    }

    public async Task<ClientAccount?> FindAsync(long id, CancellationToken ct = default)
    {
        await using var connection = await db.OpenAsync(ct);
        const string sql = SelectColumns + " WHERE id = @id";
        var row = await connection.QuerySingleOrDefaultAsync<Row>(new CommandDefinition(sql, new { id }, cancellationToken: ct));
        return row?.ToAccount();
    }

    public async Task SetPreferenceAsync(long id, RankingPreference preference, CancellationToken ct = default)
    {
        await using var connection = await db.OpenForWriteAsync(ct);
        const string sql = """
            UPDATE client_accounts
            SET ranker = @Ranker, ranker_parameters = @ParametersJson, record_interactions = @RecordInteractions,
                feed = @Feed, list_feeds = @ListFeeds, trends_feed = @TrendsFeed, updated_at = @now
            WHERE id = @id
            """;
        await connection.ExecuteAsync(new CommandDefinition(sql, new
        {
            id, preference.Ranker, preference.ParametersJson, preference.Feed, preference.TrendsFeed,
            ListFeeds = preference.Lists.Count == 0 ? null : JsonSerializer.Serialize(preference.Lists),
            RecordInteractions = preference.RecordInteractions ? 1 : 0,
            now = UnixTime.ToMs(time.GetUtcNow()),
        }, cancellationToken: ct));
    }

    private sealed record Row(long Id, string InstanceHost, string UpstreamId, string Acct, string ActorUri, string UpstreamToken,
        string Ranker, string RankerParameters, long RecordInteractions, string? Feed, string? ListFeeds, string? TrendsFeed)
    {
        public ClientAccount ToAccount() => new(Id, InstanceHost, UpstreamId, Acct, ActorUri, UpstreamToken,
            new RankingPreference(Ranker, RankerParameters, RecordInteractions != 0, Feed,
                ListFeeds is null ? null : JsonSerializer.Deserialize<string[]>(ListFeeds), TrendsFeed));
    }
}
