using System.Data.Common;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Dapper;
using Middleware.Core.Ranking;

namespace Middleware.Data.Coordination;

/// <summary>Fitted models (the newest few per ranker) and the coordinated groups each fit found
/// (kept for audits; a group found again is the same row). One transaction per fit.</summary>
public sealed class ModelFitStore(IDbConnectionFactory db) : IModelFitStore
{
    /// <summary>Fits kept per ranker: the newest, and two to fall back on.</summary>
    private const int KeptFits = 3;

    public async Task SaveAsync(ModelFit fit, CancellationToken ct = default)
    {
        await using var connection = await db.OpenForWriteAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);

        const string insert = """
            INSERT INTO model_fits (ranker, fitted_at, report, model) VALUES (@Ranker, @FittedAt, @Report, @Model)
            """;
        var at = UnixTime.ToMs(fit.FittedAt);
        await connection.ExecuteAsync(new CommandDefinition(insert, new { fit.Ranker, FittedAt = at, fit.Report, fit.Model }, tx, cancellationToken: ct));

        const string prune = """
            DELETE FROM model_fits
            WHERE ranker = @Ranker AND id NOT IN (
                SELECT id FROM model_fits WHERE ranker = @Ranker ORDER BY fitted_at DESC, id DESC LIMIT @Kept)
            """;
        await connection.ExecuteAsync(new CommandDefinition(prune, new { fit.Ranker, Kept = KeptFits }, tx, cancellationToken: ct));

        foreach (var group in fit.Groups)
            await RecordGroupAsync(connection, tx, group, at, ct);
        await tx.CommitAsync(ct);
    }

    public async Task<ModelFit?> LatestAsync(string ranker, CancellationToken ct = default)
    {
        await using var connection = await db.OpenAsync(ct);

        const string select = """
            SELECT fitted_at AS FittedAt, report AS Report, model AS Model
            FROM model_fits WHERE ranker = @Ranker ORDER BY fitted_at DESC, id DESC LIMIT 1
            """;
        var row = await connection.QuerySingleOrDefaultAsync<FitRow>(new CommandDefinition(select, new { Ranker = ranker }, cancellationToken: ct));
        return row is null ? null : new ModelFit(ranker, UnixTime.FromMs(row.FittedAt), row.Model, row.Report, []);
    }

    public async Task<DateTimeOffset?> LatestFittedAtAsync(string ranker, CancellationToken ct = default)
    {
        await using var connection = await db.OpenAsync(ct);

        const string select = "SELECT MAX(fitted_at) FROM model_fits WHERE ranker = @Ranker";
        var at = await connection.ExecuteScalarAsync<long?>(new CommandDefinition(select, new { Ranker = ranker }, cancellationToken: ct));
        return at is { } ms ? UnixTime.FromMs(ms) : null;
    }

    private sealed class FitRow
    {
        public long FittedAt { get; init; }
        public string Report { get; init; } = "";
        public byte[] Model { get; init; } = [];
    }

    public Task<IReadOnlyList<StoredCoordinatedGroup>> GroupsAsync(DateTimeOffset from, DateTimeOffset to, int limit, CancellationToken ct = default) =>
        CoordinatedGroupReader.ReadAsync(db, from, to, limit, ct);

    /// <summary>A group with the same members as a stored one updates it (evidence, posts, last
    /// detection); otherwise it is inserted with its members and posts.</summary>
    private static async Task RecordGroupAsync(DbConnection connection, DbTransaction tx, CoordinatedGroup g, long at, CancellationToken ct)
    {
        var fingerprint = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\n', g.Members.Order(StringComparer.Ordinal)))));
        var values = new
        {
            Fingerprint = fingerprint, g.Kind, g.Score, Members = g.Members.Count,
            FirstAction = g.FirstAction is { } first ? UnixTime.ToMs(first) : (long?)null,
            LastAction = g.LastAction is { } last ? UnixTime.ToMs(last) : (long?)null,
            Reasons = JsonSerializer.Serialize(g.Reasons), At = at,
        };
        const string update = """
            UPDATE coordinated_groups
            SET kind = @Kind, score = @Score, first_action_at = @FirstAction, last_action_at = @LastAction, reasons = @Reasons,
                last_detected_at = @At, detections = detections + 1
            WHERE fingerprint = @Fingerprint
            """;
        if (await connection.ExecuteAsync(new CommandDefinition(update, values, tx, cancellationToken: ct)) == 0)
        {
            const string insert = """
                INSERT INTO coordinated_groups (fingerprint, kind, score, members, first_action_at, last_action_at, reasons,
                                                first_detected_at, last_detected_at, detections)
                VALUES (@Fingerprint, @Kind, @Score, @Members, @FirstAction, @LastAction, @Reasons, @At, @At, 1)
                """;
            await connection.ExecuteAsync(new CommandDefinition(insert, values, tx, cancellationToken: ct));
            const string insertMember = """
                INSERT INTO coordinated_group_members (group_id, actor_uri)
                SELECT id, @Actor FROM coordinated_groups WHERE fingerprint = @Fingerprint
                """;
            await connection.ExecuteAsync(new CommandDefinition(insertMember,
                g.Members.Select(m => new { Actor = m, Fingerprint = fingerprint }), tx, cancellationToken: ct));
        }
        const string clearPosts = """
            DELETE FROM coordinated_group_posts WHERE group_id = (SELECT id FROM coordinated_groups WHERE fingerprint = @Fingerprint)
            """;
        await connection.ExecuteAsync(new CommandDefinition(clearPosts, new { Fingerprint = fingerprint }, tx, cancellationToken: ct));
        const string insertPost = """
            INSERT INTO coordinated_group_posts (group_id, post_uri, members, first_at, last_at)
            SELECT id, @Post, @Members, @First, @Last FROM coordinated_groups WHERE fingerprint = @Fingerprint
            """;
        await connection.ExecuteAsync(new CommandDefinition(insertPost, g.Posts.Select(p => new
        {
            p.Post, p.Members, First = UnixTime.ToMs(p.First), Last = UnixTime.ToMs(p.Last), Fingerprint = fingerprint,
        }), tx, cancellationToken: ct));
    }
}
