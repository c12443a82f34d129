using Dapper;
using Middleware.Core.Accounts;

namespace Middleware.Data.Accounts;

public sealed class ClientAppStore(IDbConnectionFactory db) : IClientAppStore
{
    public async Task AddAsync(ClientApp app, CancellationToken ct = default)
    {
        await using var connection = await db.OpenForWriteAsync(ct);
        const string sql = """
            INSERT INTO client_apps (client_id, client_secret, name, website, redirect_uris, scopes, created_at)
            VALUES (@ClientId, @ClientSecretHash, @Name, @Website, @RedirectUris, @Scopes, @CreatedAt)
            """;
        await connection.ExecuteAsync(new CommandDefinition(sql, new
        {
            app.ClientId, app.ClientSecretHash, app.Name, app.Website,
            RedirectUris = string.Join('\n', app.RedirectUris),
            app.Scopes,
            CreatedAt = UnixTime.ToMs(app.CreatedAt),
        }, cancellationToken: ct));
    }

    public async Task<ClientApp?> FindAsync(string clientId, CancellationToken ct = default)
    {
        await using var connection = await db.OpenAsync(ct);
        const string sql = """
            SELECT client_id AS ClientId, client_secret AS ClientSecretHash, name AS Name, website AS Website,
                   redirect_uris AS RedirectUris, scopes AS Scopes, created_at AS CreatedAt
            FROM client_apps WHERE client_id = @clientId
            """;
        var row = await connection.QuerySingleOrDefaultAsync<Row>(new CommandDefinition(sql, new { clientId }, cancellationToken: ct));
        return row is null
            ? null
            : new ClientApp(row.ClientId, row.ClientSecretHash, row.Name, row.Website,
                row.RedirectUris.Split('\n', StringSplitOptions.RemoveEmptyEntries), row.Scopes, UnixTime.FromMs(row.CreatedAt));
    }

    private sealed record Row(string ClientId, string ClientSecretHash, string Name, string? Website, string RedirectUris, string Scopes, long CreatedAt);
}
