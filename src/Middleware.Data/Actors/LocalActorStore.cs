using Dapper;
using Middleware.Core.Actors;

namespace Middleware.Data.Actors;

public sealed class LocalActorStore(IDbConnectionFactory db) : ILocalActorStore
{
    private const string SelectColumns = """
        SELECT username AS Username, kind AS Kind, display_name AS DisplayName, summary AS Summary,
               public_key_pem AS PublicKeyPem, private_key_pem AS PrivateKeyPem,
               discoverable AS Discoverable, created_at AS CreatedAt
        FROM local_actors
        """;

    public async Task<LocalActor?> FindAsync(string username, CancellationToken ct = default)
    {
        await using var connection = await db.OpenAsync(ct);

        const string sql = SelectColumns + " WHERE username = @username";
        var row = await connection.QuerySingleOrDefaultAsync<LocalActorRow>(
            new CommandDefinition(sql, new { username }, cancellationToken: ct));
        return row?.ToActor();
    }

    public async Task<IReadOnlyList<LocalActor>> ListAsync(CancellationToken ct = default)
    {
        await using var connection = await db.OpenAsync(ct);

        const string sql = SelectColumns + " ORDER BY username";
        var rows = await connection.QueryAsync<LocalActorRow>(new CommandDefinition(sql, cancellationToken: ct));
        return rows.Select(r => r.ToActor()).ToList();
    }

    public async Task<LocalActor> AddIfMissingAsync(LocalActor actor, CancellationToken ct = default)
    {
        await using var connection = await db.OpenForWriteAsync(ct);

        const string insert = """
            INSERT INTO local_actors (username, kind, display_name, summary, public_key_pem,
                                      private_key_pem, discoverable, created_at)
            VALUES (@Username, @Kind, @DisplayName, @Summary, @PublicKeyPem,
                    @PrivateKeyPem, @Discoverable, @CreatedAt)
            ON CONFLICT (username) DO NOTHING
            """;
        await connection.ExecuteAsync(new CommandDefinition(insert, new
        {
            actor.Username,
            Kind = EnumText.From(actor.Kind),
            actor.DisplayName,
            actor.Summary,
            actor.PublicKeyPem,
            actor.PrivateKeyPem,
            Discoverable = actor.Discoverable ? 1 : 0,
            CreatedAt = UnixTime.ToMs(actor.CreatedAt),
        }, cancellationToken: ct));

        const string select = SelectColumns + " WHERE username = @Username";
        var row = await connection.QuerySingleAsync<LocalActorRow>(
            new CommandDefinition(select, new { actor.Username }, cancellationToken: ct));
        return row.ToActor();
    }

    private sealed class LocalActorRow
    {
        public string Username { get; init; } = "";
        public string Kind { get; init; } = "";
        public string DisplayName { get; init; } = "";
        public string Summary { get; init; } = "";
        public string PublicKeyPem { get; init; } = "";
        public string PrivateKeyPem { get; init; } = "";
        public long Discoverable { get; init; }
        public long CreatedAt { get; init; }

        public LocalActor ToActor() => new()
        {
            Username = Username,
            Kind = EnumText.ToLocalActorKind(Kind),
            DisplayName = DisplayName,
            Summary = Summary,
            PublicKeyPem = PublicKeyPem,
            PrivateKeyPem = PrivateKeyPem,
            Discoverable = Discoverable != 0,
            CreatedAt = UnixTime.FromMs(CreatedAt),
        };
    }

    public async Task<bool> UpdateProfileAsync(string username, string displayName, string summary, CancellationToken ct = default)
    {
        await using var connection = await db.OpenForWriteAsync(ct);
        const string update = "UPDATE local_actors SET display_name = @displayName, summary = @summary WHERE username = @username";
        return await connection.ExecuteAsync(new CommandDefinition(update, new { username, displayName, summary }, cancellationToken: ct)) > 0;
    }
}
