using System.Data.Common;
using Dapper;
using Middleware.Core.Signals;

namespace Middleware.Data.Signals;

/// <summary>What the service recorded about a person. Deleting is one transaction; reading is one
/// statement per table without a transaction (a read transaction here would be SQLite's IMMEDIATE one,
/// holding up writers). Every table is reached through an index that starts with the person's actor id.</summary>
public sealed class PersonDataStore(IDbConnectionFactory db) : IPersonDataStore
{
    public async Task<PersonData> ReadAsync(string person, CancellationToken ct = default)
    {
        await using var connection = await db.OpenAsync(ct);
        var args = new { person };

        var signals = await PersonSignalStore.ReadAsync(connection, person, ct);

        const string impressions = """
            SELECT post_uri, feed, first_served_at, last_served_at, times
            FROM impressions WHERE viewer_uri = @person ORDER BY last_served_at DESC, post_uri
            """;
        var served = (await QueryAsync<(string Post, string Feed, long First, long Last, long Times)>(connection, impressions, args, ct))
            .Select(r => new PersonImpression(r.Post, r.Feed, UnixTime.FromMs(r.First), UnixTime.FromMs(r.Last), (int)r.Times)).ToList();

        const string showLess = """
            SELECT post_uri, occurred_at FROM interactions
            WHERE actor_uri = @person AND kind = 'disagree' ORDER BY occurred_at DESC, post_uri
            """;
        var less = (await QueryAsync<(string Post, long At)>(connection, showLess, args, ct))
            .Select(r => new PersonShowLess(r.Post, UnixTime.FromMs(r.At))).ToList();

        const string follows = "SELECT followed_uri, recorded_at FROM account_follows WHERE follower_uri = @person ORDER BY followed_uri";
        var followed = (await QueryAsync<(string Account, long At)>(connection, follows, args, ct))
            .Select(r => new PersonFollow(r.Account, UnixTime.FromMs(r.At))).ToList();

        const string synced = "SELECT synced_at FROM account_follow_syncs WHERE follower_uri = @person";
        var readAt = await connection.ExecuteScalarAsync<long?>(new CommandDefinition(synced, args, cancellationToken: ct));

        return new PersonData(signals, served, less, followed, UnixTime.FromMs(readAt));
    }

    public async Task<PersonDataDeleted> DeleteAsync(string person, CancellationToken ct = default)
    {
        await using var connection = await db.OpenForWriteAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        var args = new { person };

        var signals = await ExecuteAsync(connection, tx, PersonSignalStore.DeleteOfPerson, args, ct);
        const string impressions = "DELETE FROM impressions WHERE viewer_uri = @person";
        var served = await ExecuteAsync(connection, tx, impressions, args, ct);
        const string showLess = "DELETE FROM interactions WHERE actor_uri = @person AND kind = 'disagree'";
        var less = await ExecuteAsync(connection, tx, showLess, args, ct);
        const string follows = "DELETE FROM account_follows WHERE follower_uri = @person";
        var followed = await ExecuteAsync(connection, tx, follows, args, ct);
        const string synced = "DELETE FROM account_follow_syncs WHERE follower_uri = @person";
        await ExecuteAsync(connection, tx, synced, args, ct);

        await tx.CommitAsync(ct);
        return new PersonDataDeleted(signals, served, less, followed);
    }

    private static Task<IEnumerable<T>> QueryAsync<T>(DbConnection connection, string sql, object args, CancellationToken ct) =>
        connection.QueryAsync<T>(new CommandDefinition(sql, args, cancellationToken: ct));

    private static Task<int> ExecuteAsync(DbConnection connection, DbTransaction tx, string sql, object args, CancellationToken ct) =>
        connection.ExecuteAsync(new CommandDefinition(sql, args, tx, cancellationToken: ct));
}
