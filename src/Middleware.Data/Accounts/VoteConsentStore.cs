using Dapper;
using Middleware.Core.Accounts;

namespace Middleware.Data.Accounts;

public sealed class VoteConsentStore(IDbConnectionFactory db) : IVoteConsentStore
{
    public async Task<bool> HasConsentedAsync(long accountId, CancellationToken ct = default)
    {
        await using var connection = await db.OpenAsync(ct);
        const string sql = "SELECT COUNT(*) FROM vote_consents WHERE account_id = @accountId";
        return await connection.ExecuteScalarAsync<long>(new CommandDefinition(sql, new { accountId }, cancellationToken: ct)) > 0;
    }

    public async Task ConsentAsync(long accountId, DateTimeOffset at, CancellationToken ct = default)
    {
        await using var connection = await db.OpenForWriteAsync(ct);
        const string sql = """
            INSERT INTO vote_consents (account_id, consented_at) VALUES (@accountId, @at)
            ON CONFLICT (account_id) DO NOTHING
            """;
        await connection.ExecuteAsync(new CommandDefinition(sql, new { accountId, at = UnixTime.ToMs(at) }, cancellationToken: ct));
    }
}
