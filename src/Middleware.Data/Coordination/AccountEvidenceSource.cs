using Dapper;
using Middleware.Core.Ranking;

namespace Middleware.Data.Coordination;

/// <summary>Account creation times of the accounts that acted since the lookback began (over the
/// network or through the service), and the text
/// fingerprints of posts published since then, for the coordination guard.</summary>
/// <remarks>With <paramref name="asOf"/> (replay) only what was known before that moment.</remarks>
public sealed class AccountEvidenceSource(IDbConnectionFactory db, DateTimeOffset? asOf = null) : IAccountEvidenceSource
{
    public async Task<AccountEvidence> ReadAsync(DateTimeOffset since, CancellationToken ct = default)
    {
        await using var connection = await db.OpenAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        var args = new { Since = UnixTime.ToMs(since), Until = UnixTime.Until(asOf) };

        const string selectCreated = """
            SELECT f.actor_uri, f.created_at FROM account_facts f
            WHERE f.created_at < @Until
              AND f.actor_uri IN (SELECT actor_uri FROM interactions WHERE occurred_at >= @Since AND occurred_at < @Until
                                  UNION SELECT person_uri FROM person_signals WHERE at >= @Since AND at < @Until)
            """;
        var created = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
        foreach (var (actor, at) in await connection.QueryAsync<(string, long)>(new CommandDefinition(selectCreated, args, tx, cancellationToken: ct)))
            created[actor] = UnixTime.FromMs(at);

        // Newest first through ix_posts_published; posts without a fingerprint are skipped.
        const string selectTexts = """
            SELECT author_uri, text_fingerprint, published_at FROM posts
            WHERE published_at >= @Since AND published_at < @Until AND text_fingerprint IS NOT NULL
            """;
        var texts = (await connection.QueryAsync<(string Author, long Fingerprint, long Published)>(
                new CommandDefinition(selectTexts, args, tx, cancellationToken: ct)))
            .Select(t => new PostFingerprint(t.Author, unchecked((ulong)t.Fingerprint), UnixTime.FromMs(t.Published)))
            .ToList();
        await tx.CommitAsync(ct);
        return new AccountEvidence(created, texts);
    }
}
