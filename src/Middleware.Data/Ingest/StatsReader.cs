using Dapper;
using Middleware.Core.Ingest;

namespace Middleware.Data.Ingest;

public sealed class StatsReader(IDbConnectionFactory db) : IStatsReader
{
    public async Task<StoreStats> ReadAsync(CancellationToken ct = default)
    {
        await using var connection = await db.OpenAsync(ct);

        const string sql = """
            SELECT
                (SELECT COUNT(*) FROM remote_actors) AS Actors,
                (SELECT COUNT(*) FROM posts) AS Posts,
                (SELECT COUNT(*) FROM interactions) AS Interactions,
                (SELECT COUNT(*) FROM sources WHERE state = 'following') AS Follows,
                (SELECT COUNT(*) FROM followers) AS Followers,
                (SELECT COUNT(*) FROM inbox WHERE state = 'pending') AS InboxPending,
                (SELECT COUNT(*) FROM inbox WHERE state = 'done') AS InboxDone,
                (SELECT COUNT(*) FROM inbox WHERE state = 'rejected') AS InboxRejected,
                (SELECT COUNT(*) FROM inbox WHERE state = 'failed') AS InboxFailed,
                (SELECT COUNT(*) FROM deliveries WHERE state = 'pending') AS DeliveriesPending,
                (SELECT COUNT(*) FROM deliveries WHERE state = 'failed') AS DeliveriesFailed
            """;
        var row = await connection.QuerySingleAsync<StatsRow>(new CommandDefinition(sql, cancellationToken: ct));
        return new StoreStats(
            row.Actors, row.Posts, row.Interactions, row.Follows, row.Followers,
            row.InboxPending, row.InboxDone, row.InboxRejected, row.InboxFailed,
            row.DeliveriesPending, row.DeliveriesFailed);
    }

    private sealed class StatsRow
    {
        public long Actors { get; init; }
        public long Posts { get; init; }
        public long Interactions { get; init; }
        public long Follows { get; init; }
        public long Followers { get; init; }
        public long InboxPending { get; init; }
        public long InboxDone { get; init; }
        public long InboxRejected { get; init; }
        public long InboxFailed { get; init; }
        public long DeliveriesPending { get; init; }
        public long DeliveriesFailed { get; init; }
    }
}
