using Dapper;
using Middleware.Core.Ranking;

namespace Middleware.Data.Coordination;

/// <summary>The refit history (<c>refit_history</c>), one row per refit, kept for a year (a refit every
/// 15 minutes is 35,000 rows a year).</summary>
public sealed class RefitHistory(IDbConnectionFactory db) : IRefitHistory
{
    public static readonly TimeSpan KeptFor = TimeSpan.FromDays(366);

    public async Task RecordAsync(RefitRecord refit, CancellationToken ct = default)
    {
        await using var connection = await db.OpenForWriteAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);

        const string insert = """
            INSERT INTO refit_history (ranker, started_at, duration_ms, succeeded, error, signals, ratings, raters, posts, coordinated_groups)
            VALUES (@Ranker, @Started, @DurationMs, @Succeeded, @Error, @Signals, @Ratings, @Raters, @Posts, @CoordinatedGroups)
            """;
        await connection.ExecuteAsync(new CommandDefinition(insert, new
        {
            refit.Ranker, Started = UnixTime.ToMs(refit.Started), DurationMs = (long)Math.Round(refit.Duration.TotalMilliseconds),
            Succeeded = refit.Succeeded ? 1 : 0, refit.Error, refit.Signals, refit.Ratings, refit.Raters, refit.Posts, refit.CoordinatedGroups,
        }, tx, cancellationToken: ct));

        const string prune = """
            DELETE FROM refit_history WHERE started_at < @Cutoff
            """;
        await connection.ExecuteAsync(new CommandDefinition(prune, new { Cutoff = UnixTime.ToMs(refit.Started - KeptFor) }, tx, cancellationToken: ct));
        await tx.CommitAsync(ct);
    }

    public async Task<IReadOnlyList<RefitRecord>> RecentAsync(int limit, CancellationToken ct = default)
    {
        await using var connection = await db.OpenAsync(ct);

        const string select = """
            SELECT ranker AS Ranker, started_at AS Started, duration_ms AS DurationMs, succeeded AS Succeeded, error AS Error,
                   signals AS Signals, ratings AS Ratings, raters AS Raters, posts AS Posts, coordinated_groups AS CoordinatedGroups
            FROM refit_history ORDER BY started_at DESC, id DESC LIMIT @Limit
            """;
        var rows = await connection.QueryAsync<Row>(new CommandDefinition(select, new { Limit = limit }, cancellationToken: ct));
        return rows.Select(r => new RefitRecord(r.Ranker, UnixTime.FromMs(r.Started), TimeSpan.FromMilliseconds(r.DurationMs), r.Succeeded != 0,
            r.Error, (int)r.Signals, (int)r.Ratings, (int)r.Raters, (int)r.Posts, (int)r.CoordinatedGroups)).ToList();
    }

    private sealed class Row
    {
        public string Ranker { get; init; } = "";
        public long Started { get; init; }
        public long DurationMs { get; init; }
        public long Succeeded { get; init; }
        public string? Error { get; init; }
        public long Signals { get; init; }
        public long Ratings { get; init; }
        public long Raters { get; init; }
        public long Posts { get; init; }
        public long CoordinatedGroups { get; init; }
    }
}
