using Dapper;
using Middleware.Core.Feeds;

namespace Middleware.Data.Feeds;

/// <summary>Consent from both places an author's flags are stored: the actor document
/// (<c>remote_actors</c>) and the REST account (<c>author_consent</c>). An author consents when at
/// least one says so and none says otherwise.</summary>
public sealed class DiscoveryConsentStore(IDbConnectionFactory db) : IDiscoveryConsent
{
    // Well below SQLite's limit on parameters in one statement.
    private const int Chunk = 500;

    public async Task<IReadOnlySet<string>> ConsentingAsync(IReadOnlyCollection<string> authors, CancellationToken ct = default)
    {
        var consenting = new HashSet<string>(StringComparer.Ordinal);
        if (authors.Count == 0)
            return consenting;
        await using var connection = await db.OpenAsync(ct);

        const string select = """
            SELECT uri FROM (
                SELECT uri, discoverable, indexable FROM remote_actors WHERE uri IN @Authors
                UNION ALL
                SELECT actor_uri, discoverable, indexable FROM author_consent WHERE actor_uri IN @Authors
            ) flags
            GROUP BY uri
            HAVING MIN(CASE WHEN discoverable = 1 AND (indexable IS NULL OR indexable = 1) THEN 1 ELSE 0 END) = 1
            """;
        foreach (var chunk in authors.Distinct(StringComparer.Ordinal).Chunk(Chunk))
        {
            var rows = await connection.QueryAsync<string>(new CommandDefinition(db.Lists(select), new { Authors = chunk }, cancellationToken: ct));
            consenting.UnionWith(rows);
        }
        return consenting;
    }
}
