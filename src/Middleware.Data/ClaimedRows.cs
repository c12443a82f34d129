using Dapper;
using Middleware.Core.Cluster;

namespace Middleware.Data;

/// <summary>What inbox and delivery claims share (ADR 0035): running a statement over this node's
/// claimed rows by id, and the sole-node release. Each caller keeps its own SQL, which names
/// <c>@ids</c>, <c>@Node</c> and, to renew, <c>@Until</c>.
///
/// Renewing and releasing pick their rows with <c>/* FOR UPDATE SKIP LOCKED */</c>: a row locked at that
/// moment is one this node's committer is marking, so it needs no renewal (it is about to be done, or
/// the next renewal gets it). Waiting for it instead deadlocked (40P01): a renewal of hundreds of rows
/// locks them in no particular order, and the committer marks its batch in processing order.</summary>
internal sealed class ClaimedRows(IDbConnectionFactory db, NodeIdentity node)
{
    /// <summary>Runs <paramref name="sql"/> for <paramref name="ids"/>; returns the rows it changed.</summary>
    public async Task<int> ByIdsAsync(string sql, IReadOnlyCollection<long> ids, DateTimeOffset? until, CancellationToken ct)
    {
        if (ids.Count == 0)
            return 0;
        await using var connection = await db.OpenForWriteAsync(ct);
        var parameters = new { ids = ids.ToArray(), Node = node.Id, Until = until is { } u ? UnixTime.ToMs(u) : 0 };
        return await connection.ExecuteAsync(new CommandDefinition(db.Lists(db.Claiming(sql)), parameters, cancellationToken: ct));
    }

    /// <summary>Runs <paramref name="sql"/> only where this process is the database's one node
    /// (SQLite: the data directory is locked); a shared database keeps every claim.</summary>
    public async Task ReleaseIfSoleNodeAsync(string sql, CancellationToken ct)
    {
        if (db.Dialect != SqlDialect.Sqlite)
            return;
        await using var connection = await db.OpenForWriteAsync(ct);
        await connection.ExecuteAsync(new CommandDefinition(sql, cancellationToken: ct));
    }
}
