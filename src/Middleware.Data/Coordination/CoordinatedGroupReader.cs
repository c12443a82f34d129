using System.Text.Json;
using Dapper;
using Middleware.Core.Ranking;

namespace Middleware.Data.Coordination;

/// <summary>Reads stored coordinated groups with their members and posts, in three set-based statements.</summary>
internal static class CoordinatedGroupReader
{
    public static async Task<IReadOnlyList<StoredCoordinatedGroup>> ReadAsync(IDbConnectionFactory db, DateTimeOffset from, DateTimeOffset to, int limit, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        var args = new { From = UnixTime.ToMs(from), To = UnixTime.ToMs(to), Limit = limit };

        // Found at some time within [from, to]: first found before its end, last found after its start.
        const string groupsInRange = """
            SELECT id FROM coordinated_groups
            WHERE first_detected_at <= @To AND last_detected_at >= @From
            ORDER BY score DESC, id
            LIMIT @Limit
            """;
        const string selectGroups = $"""
            SELECT id AS Id, kind AS Kind, score AS Score, reasons AS Reasons,
                   first_detected_at AS FirstDetected, last_detected_at AS LastDetected, detections AS Detections
            FROM coordinated_groups WHERE id IN ({groupsInRange})
            ORDER BY score DESC, id
            """;
        var groups = (await connection.QueryAsync<GroupRow>(new CommandDefinition(selectGroups, args, tx, cancellationToken: ct))).AsList();

        const string selectMembers = $"""
            SELECT group_id, actor_uri FROM coordinated_group_members WHERE group_id IN ({groupsInRange}) ORDER BY group_id, actor_uri
            """;
        var members = (await connection.QueryAsync<(long GroupId, string Actor)>(new CommandDefinition(selectMembers, args, tx, cancellationToken: ct)))
            .ToLookup(m => m.GroupId, m => m.Actor);

        const string selectPosts = $"""
            SELECT group_id, post_uri, members, first_at, last_at FROM coordinated_group_posts
            WHERE group_id IN ({groupsInRange}) ORDER BY group_id, members DESC, post_uri
            """;
        var posts = (await connection.QueryAsync<(long GroupId, string Post, long Members, long First, long Last)>(
                new CommandDefinition(selectPosts, args, tx, cancellationToken: ct)))
            .ToLookup(p => p.GroupId, p => new CoordinatedPost(p.Post, (int)p.Members, UnixTime.FromMs(p.First), UnixTime.FromMs(p.Last)));
        await tx.CommitAsync(ct);

        return groups.ConvertAll(g => new StoredCoordinatedGroup(g.Id, UnixTime.FromMs(g.FirstDetected), UnixTime.FromMs(g.LastDetected), (int)g.Detections,
            new CoordinatedGroup(g.Kind, g.Score, members[g.Id].ToList(), posts[g.Id].ToList(), JsonSerializer.Deserialize<List<string>>(g.Reasons) ?? [])));
    }

    private sealed class GroupRow
    {
        public long Id { get; init; }
        public string Kind { get; init; } = "";
        public double Score { get; init; }
        public string Reasons { get; init; } = "[]";
        public long FirstDetected { get; init; }
        public long LastDetected { get; init; }
        public long Detections { get; init; }
    }
}
