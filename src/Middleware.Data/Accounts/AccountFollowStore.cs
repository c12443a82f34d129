using Dapper;
using Middleware.Core.Accounts;

namespace Middleware.Data.Accounts;

public sealed class AccountFollowStore(IDbConnectionFactory db) : IAccountFollowStore
{
    private const string DeleteFollows = "DELETE FROM account_follows WHERE follower_uri = @followerUri";

    public async Task ReplaceAsync(string followerUri, IReadOnlyCollection<string> followedUris, DateTimeOffset at, CancellationToken ct = default)
    {
        await using var connection = await db.OpenForWriteAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        var atMs = UnixTime.ToMs(at);

        await connection.ExecuteAsync(new CommandDefinition(DeleteFollows, new { followerUri }, transaction, cancellationToken: ct));

        const string insert = """
            INSERT INTO account_follows (follower_uri, followed_uri, recorded_at) VALUES (@Follower, @Followed, @At)
            """;
        await connection.ExecuteAsync(new CommandDefinition(insert,
            followedUris.Distinct(StringComparer.Ordinal).Select(f => new { Follower = followerUri, Followed = f, At = atMs }),
            transaction, cancellationToken: ct));

        const string noteSync = """
            INSERT INTO account_follow_syncs (follower_uri, synced_at) VALUES (@followerUri, @atMs)
            ON CONFLICT (follower_uri) DO UPDATE SET synced_at = excluded.synced_at
            """;
        await connection.ExecuteAsync(new CommandDefinition(noteSync, new { followerUri, atMs }, transaction, cancellationToken: ct));
        await transaction.CommitAsync(ct);
    }

    public async Task DeleteAsync(string followerUri, CancellationToken ct = default)
    {
        await using var connection = await db.OpenForWriteAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        await connection.ExecuteAsync(new CommandDefinition(DeleteFollows, new { followerUri }, transaction, cancellationToken: ct));
        const string syncs = "DELETE FROM account_follow_syncs WHERE follower_uri = @followerUri";
        await connection.ExecuteAsync(new CommandDefinition(syncs, new { followerUri }, transaction, cancellationToken: ct));
        await transaction.CommitAsync(ct);
    }

    public async Task<DateTimeOffset?> SyncedAtAsync(string followerUri, CancellationToken ct = default)
    {
        await using var connection = await db.OpenAsync(ct);
        const string sql = "SELECT synced_at FROM account_follow_syncs WHERE follower_uri = @followerUri";
        return UnixTime.FromMs(await connection.ExecuteScalarAsync<long?>(new CommandDefinition(sql, new { followerUri }, cancellationToken: ct)));
    }
}
