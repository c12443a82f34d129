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

    /// <summary>Replaces any registration for the host (e.g. after our public URL changed).</summary>
    public async Task SaveAsync(UpstreamRegistration registration, CancellationToken ct = default)
    {
        await using var connection = await db.OpenForWriteAsync(ct);
        const string sql = """
            INSERT OR REPLACE INTO upstream_registrations (instance_host, client_id, client_secret, redirect_uri, created_at)
            VALUES (@InstanceHost, @ClientId, @EncryptedClientSecret, @RedirectUri, @now)
            """;
        await connection.ExecuteAsync(new CommandDefinition(sql, new
        {
            registration.InstanceHost, registration.ClientId, registration.EncryptedClientSecret, registration.RedirectUri,
            now = UnixTime.ToMs(time.GetUtcNow()),
        }, cancellationToken: ct));
    }
}
