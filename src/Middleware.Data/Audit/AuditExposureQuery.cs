using Dapper;
using Middleware.Core.Audit;

namespace Middleware.Data.Audit;

/// <summary>Counts a feed's served positions per post in a range, for the feed and for its chronological
/// baseline, with what the audit groups posts by: deleted since (a tombstone) and flagged groups of the author.</summary>
internal static class AuditExposureQuery
{
    public static async Task<IReadOnlyList<PostExposure>> ReadAsync(IDbConnectionFactory db, string feed, DateTimeOffset from, DateTimeOffset to,
        CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        // Served times are whole seconds: [from, to) rounded up at both ends keeps a second in one range only.
        var args = new { Feed = feed, From = Ceiling(from), To = Ceiling(to) };

        // Two passes over ix_served_positions_audit (feed, then baseline), summed per post.
        const string selectCounts = """
            WITH ranged AS (
                SELECT s.post_id, s.baseline_post_id FROM served_positions s
                JOIN audit_feeds f ON f.id = s.feed_id
                WHERE f.name = @Feed AND s.served_at >= @From AND s.served_at < @To),
            counts AS (
                SELECT post_id AS id, COUNT(*) AS feed, 0 AS baseline FROM ranged GROUP BY post_id
                UNION ALL
                SELECT baseline_post_id, 0, COUNT(*) FROM ranged WHERE baseline_post_id IS NOT NULL GROUP BY baseline_post_id)
            SELECT p.uri AS Uri, p.author AS Author, p.instance AS Instance, p.language AS Language, p.coordination AS Coordination,
                   CASE WHEN t.uri IS NULL THEN 0 ELSE 1 END AS Deleted, SUM(c.feed) AS Feed, SUM(c.baseline) AS Baseline
            FROM counts c
            JOIN audit_posts p ON p.id = c.id
            LEFT JOIN post_tombstones t ON t.uri = p.uri
            GROUP BY p.id, p.uri, p.author, p.instance, p.language, p.coordination, t.uri
            """;
        var rows = (await connection.QueryAsync<CountRow>(new CommandDefinition(selectCounts, args, tx, cancellationToken: ct))).ToList();

        // Flagged groups are few and small next to the served positions: all members, matched in memory.
        const string selectGroups = "SELECT actor_uri AS Actor, group_id AS GroupId FROM coordinated_group_members";
        var groups = (await connection.QueryAsync<(string Actor, long GroupId)>(new CommandDefinition(selectGroups, args, tx, cancellationToken: ct)))
            .GroupBy(m => m.Actor, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<long>)g.Select(m => m.GroupId).Order().ToList(), StringComparer.Ordinal);
        await tx.CommitAsync(ct);
        return rows.Select(r => new PostExposure(r.Uri, r.Author, r.Instance, r.Language, r.Coordination, r.Deleted != 0,
            groups.GetValueOrDefault(r.Author) ?? [], (int)r.Feed, (int)r.Baseline)).ToList();
    }

    private static long Ceiling(DateTimeOffset at) => (at.ToUnixTimeMilliseconds() + 999) / 1000;

    // Settable members, not a constructor: on an empty result SQLite cannot tell Dapper the column types.
    private sealed class CountRow
    {
        public string Uri { get; set; } = "";
        public string Author { get; set; } = "";
        public string Instance { get; set; } = "";
        public string? Language { get; set; }
        public double Coordination { get; set; }
        public long Deleted { get; set; }
        public long Feed { get; set; }
        public long Baseline { get; set; }
    }
}
