using Dapper;
using Middleware.Core.Follows;

namespace Middleware.Data.Follows;

public sealed class FollowerStore(IDbConnectionFactory db) : IFollowerStore
{
    public async Task<IReadOnlyList<Follower>> ListAsync(string localUsername, CancellationToken ct = default)
    {
        await using var connection = await db.OpenAsync(ct);

        const string sql = """
            SELECT local_username AS LocalUsername, actor_uri AS ActorUri, inbox AS Inbox,
                   shared_inbox AS SharedInbox, follow_activity_uri AS FollowActivityUri, since AS Since
            FROM followers
            WHERE local_username = @localUsername
            ORDER BY since, actor_uri
            """;
        var rows = await connection.QueryAsync<FollowerRow>(
            new CommandDefinition(sql, new { localUsername }, cancellationToken: ct));
        return rows.Select(r => r.ToFollower()).ToList();
    }

    public async Task<int> CountAsync(string localUsername, CancellationToken ct = default)
    {
        await using var connection = await db.OpenAsync(ct);

        const string sql = """
            SELECT COUNT(*) FROM followers WHERE local_username = @localUsername
            """;
        return (int)await connection.ExecuteScalarAsync<long>(
            new CommandDefinition(sql, new { localUsername }, cancellationToken: ct));
    }

    private sealed class FollowerRow
    {
        public string LocalUsername { get; init; } = "";
        public string ActorUri { get; init; } = "";
        public string Inbox { get; init; } = "";
        public string? SharedInbox { get; init; }
        public string FollowActivityUri { get; init; } = "";
        public long Since { get; init; }

        public Follower ToFollower() =>
            new(LocalUsername, ActorUri, Inbox, SharedInbox, FollowActivityUri, UnixTime.FromMs(Since));
    }
}
