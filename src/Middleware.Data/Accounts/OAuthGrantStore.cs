using Dapper;
using Middleware.Core.Accounts;

namespace Middleware.Data.Accounts;

/// <summary>Pending logins, codes and tokens. Taking a code or pending login is one
/// <c>DELETE … RETURNING</c>, so two requests racing with the same code cannot both win.</summary>
public sealed class OAuthGrantStore(IDbConnectionFactory db) : IOAuthGrantStore
{
    private const string PendingColumns = """
        state AS State, client_id AS ClientId, redirect_uri AS RedirectUri, scopes AS Scopes, app_state AS AppState,
        code_challenge AS CodeChallenge, code_challenge_method AS CodeChallengeMethod, instance_host AS InstanceHost,
        expires_at AS ExpiresAt, browser_binding AS BrowserBindingHash
        """;

    private const string TokenColumns = """
        token_hash AS TokenHash, client_id AS ClientId, account_id AS AccountId, scopes AS Scopes, created_at AS CreatedAt,
        upstream_token AS EncryptedUpstreamToken
        """;

    public async Task AddPendingLoginAsync(PendingLogin login, CancellationToken ct = default)
    {
        await using var connection = await db.OpenForWriteAsync(ct);
        const string sql = """
            DELETE FROM oauth_pending_logins WHERE expires_at < @ExpiresAt - 86400000;
            INSERT INTO oauth_pending_logins (state, client_id, redirect_uri, scopes, app_state, code_challenge,
                                              code_challenge_method, instance_host, expires_at, browser_binding)
            VALUES (@State, @ClientId, @RedirectUri, @Scopes, @AppState, @CodeChallenge, @CodeChallengeMethod,
                    @InstanceHost, @ExpiresAt, @BrowserBindingHash)
            """;
        await connection.ExecuteAsync(new CommandDefinition(sql, new
        {
            login.State, login.ClientId, login.RedirectUri, login.Scopes, login.AppState, login.CodeChallenge,
            login.CodeChallengeMethod, login.InstanceHost, ExpiresAt = UnixTime.ToMs(login.ExpiresAt), login.BrowserBindingHash,
        }, cancellationToken: ct));
    }

    public async Task<bool> SetPendingInstanceAsync(string state, string instanceHost, DateTimeOffset now, CancellationToken ct = default)
    {
        await using var connection = await db.OpenForWriteAsync(ct);
        const string sql = "UPDATE oauth_pending_logins SET instance_host = @instanceHost WHERE state = @state AND expires_at > @now";
        return await connection.ExecuteAsync(new CommandDefinition(sql,
            new { state, instanceHost, now = UnixTime.ToMs(now) }, cancellationToken: ct)) == 1;
    }

    public async Task<PendingLogin?> FindPendingLoginAsync(string state, DateTimeOffset now, CancellationToken ct = default)
    {
        await using var connection = await db.OpenAsync(ct);
        const string sql = "SELECT " + PendingColumns + " FROM oauth_pending_logins WHERE state = @state AND expires_at > @now";
        var row = await connection.QuerySingleOrDefaultAsync<PendingRow>(new CommandDefinition(sql,
            new { state, now = UnixTime.ToMs(now) }, cancellationToken: ct));
        return row?.ToLogin();
    }

    public async Task<PendingLogin?> TakePendingLoginAsync(string state, DateTimeOffset now, CancellationToken ct = default)
    {
        await using var connection = await db.OpenForWriteAsync(ct);
        const string sql = "DELETE FROM oauth_pending_logins WHERE state = @state RETURNING " + PendingColumns;
        var row = await connection.QuerySingleOrDefaultAsync<PendingRow>(new CommandDefinition(sql, new { state }, cancellationToken: ct));
        return row is not null && row.ExpiresAt > UnixTime.ToMs(now) ? row.ToLogin() : null;
    }

    public async Task AddCodeAsync(AuthorizationCode code, CancellationToken ct = default)
    {
        await using var connection = await db.OpenForWriteAsync(ct);
        const string sql = """
            DELETE FROM oauth_codes WHERE expires_at < @ExpiresAt - 86400000;
            INSERT INTO oauth_codes (code_hash, client_id, account_id, redirect_uri, scopes, code_challenge,
                                     code_challenge_method, expires_at, upstream_token)
            VALUES (@CodeHash, @ClientId, @AccountId, @RedirectUri, @Scopes, @CodeChallenge, @CodeChallengeMethod, @ExpiresAt,
                    @EncryptedUpstreamToken)
            """;
        await connection.ExecuteAsync(new CommandDefinition(sql, new
        {
            code.CodeHash, code.ClientId, code.AccountId, code.RedirectUri, code.Scopes, code.CodeChallenge,
            code.CodeChallengeMethod, ExpiresAt = UnixTime.ToMs(code.ExpiresAt), code.EncryptedUpstreamToken,
        }, cancellationToken: ct));
    }

    public async Task<AuthorizationCode?> TakeCodeAsync(string codeHash, DateTimeOffset now, CancellationToken ct = default)
    {
        await using var connection = await db.OpenForWriteAsync(ct);
        const string sql = """
            DELETE FROM oauth_codes WHERE code_hash = @codeHash
            RETURNING code_hash AS CodeHash, client_id AS ClientId, account_id AS AccountId, redirect_uri AS RedirectUri,
                      scopes AS Scopes, code_challenge AS CodeChallenge, code_challenge_method AS CodeChallengeMethod,
                      expires_at AS ExpiresAt, upstream_token AS EncryptedUpstreamToken
            """;
        var row = await connection.QuerySingleOrDefaultAsync<CodeRow>(new CommandDefinition(sql, new { codeHash }, cancellationToken: ct));
        return row is null || row.ExpiresAt <= UnixTime.ToMs(now)
            ? null
            : new AuthorizationCode(row.CodeHash, row.ClientId, row.AccountId, row.RedirectUri, row.Scopes,
                row.CodeChallenge, row.CodeChallengeMethod, UnixTime.FromMs(row.ExpiresAt), row.EncryptedUpstreamToken);
    }

    public async Task AddTokenAsync(AccessToken token, CancellationToken ct = default)
    {
        await using var connection = await db.OpenForWriteAsync(ct);
        const string sql = """
            INSERT INTO oauth_tokens (token_hash, client_id, account_id, scopes, created_at, upstream_token)
            VALUES (@TokenHash, @ClientId, @AccountId, @Scopes, @CreatedAt, @EncryptedUpstreamToken)
            """;
        await connection.ExecuteAsync(new CommandDefinition(sql, new
        {
            token.TokenHash, token.ClientId, token.AccountId, token.Scopes, CreatedAt = UnixTime.ToMs(token.CreatedAt),
            token.EncryptedUpstreamToken,
        }, cancellationToken: ct));
    }

    public async Task<AccessToken?> FindTokenAsync(string tokenHash, CancellationToken ct = default)
    {
        await using var connection = await db.OpenAsync(ct);
        const string sql = "SELECT " + TokenColumns + " FROM oauth_tokens WHERE token_hash = @tokenHash AND revoked_at IS NULL";
        var row = await connection.QuerySingleOrDefaultAsync<TokenRow>(new CommandDefinition(sql, new { tokenHash }, cancellationToken: ct));
        return row?.ToToken();
    }

    public async Task<AccessToken?> RevokeTokenAsync(string tokenHash, string clientId, DateTimeOffset now, CancellationToken ct = default)
    {
        // Read, then revoke and forget the upstream token: RETURNING would give the row after the
        // update. Both run in the single writer's turn, so no other revoke comes in between.
        await using var connection = await db.OpenForWriteAsync(ct);
        const string find = "SELECT " + TokenColumns
            + " FROM oauth_tokens WHERE token_hash = @tokenHash AND client_id = @clientId AND revoked_at IS NULL";
        var row = await connection.QuerySingleOrDefaultAsync<TokenRow>(new CommandDefinition(find, new { tokenHash, clientId }, cancellationToken: ct));
        if (row is null)
            return null;
        const string revoke = """
            UPDATE oauth_tokens SET revoked_at = @now, upstream_token = NULL
            WHERE token_hash = @tokenHash AND revoked_at IS NULL
            """;
        await connection.ExecuteAsync(new CommandDefinition(revoke, new { tokenHash, now = UnixTime.ToMs(now) }, cancellationToken: ct));
        return row.ToToken();
    }

    private sealed record PendingRow(string State, string ClientId, string RedirectUri, string Scopes, string? AppState,
        string? CodeChallenge, string? CodeChallengeMethod, string? InstanceHost, long ExpiresAt, string? BrowserBindingHash)
    {
        public PendingLogin ToLogin() => new(State, ClientId, RedirectUri, Scopes, AppState, CodeChallenge,
            CodeChallengeMethod, InstanceHost, UnixTime.FromMs(ExpiresAt), BrowserBindingHash);
    }

    private sealed record CodeRow(string CodeHash, string ClientId, long AccountId, string RedirectUri, string Scopes,
        string? CodeChallenge, string? CodeChallengeMethod, long ExpiresAt, string? EncryptedUpstreamToken);

    private sealed record TokenRow(string TokenHash, string ClientId, long? AccountId, string Scopes, long CreatedAt,
        string? EncryptedUpstreamToken)
    {
        public AccessToken ToToken() =>
            new(TokenHash, ClientId, AccountId, Scopes, UnixTime.FromMs(CreatedAt), EncryptedUpstreamToken);
    }
}
