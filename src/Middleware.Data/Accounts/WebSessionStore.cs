using Dapper;
using Middleware.Core.Accounts;

namespace Middleware.Data.Accounts;

/// <summary>Web sign-ins and sessions. Taking a sign-in is one <c>DELETE … RETURNING</c>, so a
/// callback replayed in a race cannot finish it twice.</summary>
public sealed class WebSessionStore(IDbConnectionFactory db) : IWebSessionStore
{
    public async Task AddSignInAsync(PendingWebSignIn signIn, CancellationToken ct = default)
    {
        await using var connection = await db.OpenForWriteAsync(ct);
        const string sql = """
            DELETE FROM web_sign_ins WHERE expires_at < @ExpiresAt - 86400000;
            INSERT INTO web_sign_ins (state, return_path, instance_host, browser_binding, expires_at)
            VALUES (@State, @ReturnPath, @InstanceHost, @BrowserBindingHash, @ExpiresAt)
            """;
        await connection.ExecuteAsync(new CommandDefinition(sql, new
        {
            signIn.State, signIn.ReturnPath, signIn.InstanceHost, signIn.BrowserBindingHash, ExpiresAt = UnixTime.ToMs(signIn.ExpiresAt),
        }, cancellationToken: ct));
    }

    public async Task<PendingWebSignIn?> TakeSignInAsync(string state, DateTimeOffset now, CancellationToken ct = default)
    {
        await using var connection = await db.OpenForWriteAsync(ct);
        const string sql = """
            DELETE FROM web_sign_ins WHERE state = @state
            RETURNING state AS State, return_path AS ReturnPath, instance_host AS InstanceHost,
                      browser_binding AS BrowserBindingHash, expires_at AS ExpiresAt
            """;
        var row = await connection.QuerySingleOrDefaultAsync<SignInRow>(new CommandDefinition(sql, new { state }, cancellationToken: ct));
        return row is null || row.ExpiresAt <= UnixTime.ToMs(now)
            ? null
            : new PendingWebSignIn(row.State, row.ReturnPath, row.InstanceHost, row.BrowserBindingHash, UnixTime.FromMs(row.ExpiresAt));
    }

    public async Task AddSessionAsync(string tokenHash, long accountId, DateTimeOffset createdAt, DateTimeOffset expiresAt,
        CancellationToken ct = default)
    {
        await using var connection = await db.OpenForWriteAsync(ct);
        const string sql = """
            DELETE FROM web_sessions WHERE expires_at <= @createdAt;
            INSERT INTO web_sessions (token_hash, account_id, created_at, expires_at)
            VALUES (@tokenHash, @accountId, @createdAt, @expiresAt)
            """;
        await connection.ExecuteAsync(new CommandDefinition(sql, new
        {
            tokenHash, accountId, createdAt = UnixTime.ToMs(createdAt), expiresAt = UnixTime.ToMs(expiresAt),
        }, cancellationToken: ct));
    }

    public async Task<WebSession?> FindSessionAsync(string tokenHash, DateTimeOffset now, CancellationToken ct = default)
    {
        await using var connection = await db.OpenAsync(ct);
        const string sql = """
            SELECT s.token_hash AS TokenHash, s.account_id AS AccountId, a.acct AS Acct, a.actor_uri AS ActorUri,
                   s.expires_at AS ExpiresAt
            FROM web_sessions s JOIN client_accounts a ON a.id = s.account_id
            WHERE s.token_hash = @tokenHash AND s.expires_at > @now
            """;
        var row = await connection.QuerySingleOrDefaultAsync<SessionRow>(new CommandDefinition(sql,
            new { tokenHash, now = UnixTime.ToMs(now) }, cancellationToken: ct));
        return row is null ? null : new WebSession(row.TokenHash, row.AccountId, row.Acct, row.ActorUri, UnixTime.FromMs(row.ExpiresAt));
    }

    public async Task<bool> DeleteSessionAsync(string tokenHash, CancellationToken ct = default)
    {
        await using var connection = await db.OpenForWriteAsync(ct);
        const string sql = "DELETE FROM web_sessions WHERE token_hash = @tokenHash";
        return await connection.ExecuteAsync(new CommandDefinition(sql, new { tokenHash }, cancellationToken: ct)) > 0;
    }

    private sealed record SignInRow(string State, string ReturnPath, string InstanceHost, string BrowserBindingHash, long ExpiresAt);

    private sealed record SessionRow(string TokenHash, long AccountId, string Acct, string ActorUri, long ExpiresAt);
}
