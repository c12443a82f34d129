using System.Data.Common;

namespace Middleware.Data.Ingest;

/// <summary>The one connection and transaction that all changes of one commit share. Statements whose
/// outcome nothing reads are deferred (<see cref="Defer"/>) and sent together, in order, before the
/// next statement whose outcome is read and before the commit: one round trip for a whole batch of
/// activities where the driver takes batches (PostgreSQL), the same prepared commands one by one
/// elsewhere (SQLite, in process). Statements run in the order of the calls, with one exception that
/// cannot change an outcome: on PostgreSQL a post may join the batch of posts deferred before it
/// (<see cref="DeferPost"/>, ADR 0046).</summary>
internal sealed class ChangeScope(WriterSession session, DbTransaction transaction, SqlDialect dialect, long now, CancellationToken ct)
{
    /// <summary>The deferred statements in order, each with where to put the rows it changed if
    /// anyone asked (<see cref="DeferCounted"/>).</summary>
    private readonly List<(string Sql, object Param, RowCount? Count)> _deferred = [];

    /// <summary>The deferred batch of posts that later posts may still join (PostgreSQL), if any.</summary>
    private PostBatch? _openPosts;

    public DbConnection Connection => session.Connection;
    public DbTransaction Transaction => transaction;
    public SqlDialect Dialect => dialect;
    public long Now => now;
    public CancellationToken Ct => ct;

    /// <summary>Runs a statement whose parameters are the properties of <paramref name="param"/>, after
    /// the deferred ones, and returns the rows it changed. Always pass the same anonymous shape for a
    /// given statement.</summary>
    public async Task<int> ExecuteAsync(string sql, object param)
    {
        await FlushAsync();
        return await session.ExecuteAsync(sql, param, transaction, ct);
    }

    /// <summary>Runs a statement after the deferred ones and returns the first column of its rows.</summary>
    public async Task<List<long>> QueryNumbersAsync(string sql, object param)
    {
        await FlushAsync();
        return await session.QueryNumbersAsync(sql, param, transaction, ct);
    }

    /// <summary>Queues a statement whose outcome nobody reads; it runs at the next
    /// <see cref="ExecuteAsync"/>, <see cref="ExecuteAllAsync"/> or <see cref="FlushAsync"/>. Posts
    /// written after it start a new batch.</summary>
    public void Defer(string sql, object param)
    {
        Add(sql, param);
        _openPosts = null;
    }

    /// <summary>As <see cref="Defer"/>, and tells how many rows the statement changed once it has run
    /// (after the next flush).</summary>
    public RowCount DeferCounted(string sql, object param)
    {
        var count = new RowCount();
        Add(sql, param, count);
        _openPosts = null;
        return count;
    }

    private void Add(string sql, object param, RowCount? count = null) => _deferred.Add((sql, param, count));

    /// <summary>Queues a statement that no post upsert reads and that reads no post except
    /// <paramref name="readsPost"/>: posts written after it may still join the batch deferred before
    /// it (their upsert then runs first), except that one, whose upsert must stay after it.</summary>
    public void DeferBesidePosts(string sql, object param, string? readsPost = null)
    {
        Add(sql, param);
        if (readsPost is not null)
            _openPosts?.Pin(readsPost);
    }

    /// <summary>Adds the post to the open batch, or opens a new batch deferred as
    /// <paramref name="sql"/> when there is none or the post cannot join it
    /// (<see cref="PostBatch.TryAdd"/>).</summary>
    public void DeferPost(string sql, PostToWrite row)
    {
        if (_openPosts is { } open && open.TryAdd(row))
            return;
        var batch = new PostBatch(now);
        batch.TryAdd(row);
        Add(sql, batch);
        _openPosts = batch;
    }

    /// <summary>Runs the statements in order, after the deferred ones, in one round trip where the
    /// driver takes batches (<see cref="WriterSession.ExecuteAllAsync"/>); returns the rows each changed.</summary>
    public async Task<int[]> ExecuteAllAsync(IReadOnlyList<(string Sql, object Param)> statements)
    {
        await FlushAsync();
        return await session.ExecuteAllAsync(statements, transaction, ct);
    }

    /// <summary>Sends the deferred statements; the first error ends the call (and the transaction).</summary>
    public async Task FlushAsync()
    {
        _openPosts = null;
        if (_deferred.Count == 0)
            return;
        var deferred = _deferred.ToArray();
        _deferred.Clear();
        var changed = await session.ExecuteAllAsync(deferred.Select(d => (d.Sql, d.Param)).ToList(), transaction, ct);
        for (var i = 0; i < deferred.Length; i++)
            deferred[i].Count?.Set(changed[i]);
    }
}

/// <summary>The rows a deferred statement changed: known once it has run.</summary>
internal sealed class RowCount
{
    private int? _rows;

    public int Rows => _rows ?? throw new InvalidOperationException("The statement has not run yet.");

    internal void Set(int rows) => _rows = rows;
}
