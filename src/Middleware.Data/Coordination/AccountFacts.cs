using System.Data.Common;
using Dapper;

namespace Middleware.Data.Coordination;

/// <summary>Writes <c>account_facts</c>: when an account was created, from its actor document or an import.</summary>
internal static class AccountFacts
{
    /// <summary>Records the creation time unless the account is tombstoned; a later document's value replaces an earlier one.</summary>
    public static Task RecordCreatedAsync(DbConnection connection, DbTransaction? tx, string actorUri, DateTimeOffset created, CancellationToken ct)
    {
        const string upsert = """
            INSERT INTO account_facts (actor_uri, created_at)
            SELECT @ActorUri, @CreatedAt
            WHERE NOT EXISTS (SELECT 1 FROM actor_tombstones WHERE uri = @ActorUri)
            ON CONFLICT (actor_uri) DO UPDATE SET created_at = excluded.created_at
            """;
        return connection.ExecuteAsync(new CommandDefinition(upsert, new { ActorUri = actorUri, CreatedAt = UnixTime.ToMs(created) }, tx, cancellationToken: ct));
    }
}
