using Dapper;
using Middleware.Core.Accounts;

namespace Middleware.Data.Accounts;

public sealed class UpstreamRegistrationStore(IDbConnectionFactory db, TimeProvider time) : IUpstreamRegistrationStore
{
    public async Task<UpstreamRegistration?> FindAsync(string instanceHost, CancellationToken ct = default)
    {
        await using var connection = await db.OpenAsync(ct);
        const string sql = """
            SELECT instance_host AS InstanceHost, client_id AS ClientId, client_secret AS EncryptedClientSecret,
                   redirect_uri AS RedirectUri
            FROM upstream_registrations WHERE instance_host = @instanceHost
            """;
        return await connection.QuerySingleOrDefaultAsync<UpstreamRegistration>(
            new CommandDefinition(sql, new { instanceHost }, cancellationToken: ct));
    }

    /// <summary>Inserts the registration, or replaces one made for another redirect URI (our public
    /// URL changed); a registration for the same redirect URI stored meanwhile by a concurrent login
    /// is kept. Returns the stored row, so racing first logins all use the same client.</summary>
    public async Task<UpstreamRegistration> SaveAsync(UpstreamRegistration registration, CancellationToken ct = default)
    {
        await using var connection = await db.OpenForWriteAsync(ct);
        const string upsert = """
            INSERT INTO upstream_registrations (instance_host, client_id, client_secret, redirect_uri, created_at)
            VALUES (@InstanceHost, @ClientId, @EncryptedClientSecret, @RedirectUri, @now)
            ON CONFLICT (instance_host) DO UPDATE
            SET client_id = excluded.client_id, client_secret = excluded.client_secret,
                redirect_uri = excluded.redirect_uri, created_at = excluded.created_at
            WHERE upstream_registrations.redirect_uri <> excluded.redirect_uri
            """;
        await connection.ExecuteAsync(new CommandDefinition(upsert, new
        {
            registration.InstanceHost, registration.ClientId, registration.EncryptedClientSecret, registration.RedirectUri,
            now = UnixTime.ToMs(time.GetUtcNow()),
        }, cancellationToken: ct));

        const string select = """
            SELECT instance_host AS InstanceHost, client_id AS ClientId, client_secret AS EncryptedClientSecret,
                   redirect_uri AS RedirectUri
            FROM upstream_registrations WHERE instance_host = @InstanceHost
            """;
        return await connection.QuerySingleAsync<UpstreamRegistration>(
            new CommandDefinition(select, new { registration.InstanceHost }, cancellationToken: ct));
    }
}
