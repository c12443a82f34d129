using System.Data.Common;
using Middleware.Core.Cluster;
using Middleware.Core.Inbox;
using Middleware.Core.Ingest;
using Middleware.Data.Delivery;
using Middleware.Data.Inbox;
using Middleware.Data.Sources;

namespace Middleware.Data.Ingest;

/// <summary>Applies changes in one transaction per call, in the writer's turn. Writers take turns
/// (<see cref="IDbConnectionFactory.EnterWriteAsync"/>), so one connection with its prepared
/// statements is kept between calls; a connection that saw an error is closed, not reused.</summary>
public sealed class ChangeWriter(IDbConnectionFactory db, TimeProvider time, NodeIdentity node) : IChangeWriter, IAsyncDisposable, IDisposable
{
    // Only touched inside the writer's turn.
    private WriterSession? _session;

    /// <summary>The connection kept between calls, if any: for tests that look at its prepared statements.</summary>
    internal DbConnection? KeptConnection => _session?.Connection;

    /// <summary>All changes and the inbox entry's completion commit together or not at all. When the
    /// entry is no longer pending (already processed, closed, or unknown) or no longer claimed by this
    /// node (its lease ran out and another node took it; ADR 0035), nothing is applied: a second run
    /// of the same activity is a no-op.</summary>
    public Task ApplyAsync(IReadOnlyList<Change> changes, long? inboxEntryId, CancellationToken ct = default) =>
        inboxEntryId is { } id
            ? CompleteAsync([new ProcessedEntry(id, InboxState.Done, changes, null)], ct)
            : InTransactionAsync(async scope =>
            {
                await ApplyAllAsync(scope, changes);
                return true;
            }, ct);

    public async Task<IReadOnlyList<bool>> CompleteAsync(IReadOnlyList<ProcessedEntry> entries, CancellationToken ct = default)
    {
        if (db.Dialect == SqlDialect.PostgreSql && await CompleteAllAsync(entries, ct))
            return Enumerable.Repeat(true, entries.Count).ToArray();

        return await InTransactionAsync<IReadOnlyList<bool>>(async scope =>
        {
            // The marks come first and decide: an entry whose claim was lost gets none of its changes
            // (so none of them can fail the commit), while the other entries of the batch commit (no
            // savepoint needed).
            var applied = await MarkAsync(scope, entries);
            if (scope.Dialect == SqlDialect.PostgreSql)
                scope.Defer(ProcessingSettings, NoParameters);
            for (var i = 0; i < entries.Count; i++)
            {
                if (applied[i] && entries[i].State == InboxState.Done)
                    await ApplyAllAsync(scope, entries[i].Changes);
            }
            return applied;
        }, ct);
    }

    /// <summary>PostgreSQL, in the usual case where every entry is still pending and claimed by this
    /// node: the marks and all changes go in one round trip, with no wait for the marks' answer before
    /// the changes are sent, so a whole commit is that batch and the COMMIT. The marks' row count is
    /// checked before the COMMIT; when a claim was lost (its lease ran out and another node took the
    /// entry) the transaction is rolled back, nothing of it is kept, and the caller runs the careful
    /// path, which marks first (ADR 0047). False when it rolled back, or when a statement failed:
    /// the careful path then tells a failing change of a claimed entry (which fails again there) from
    /// one of an entry that is no longer this node's (which it skips).</summary>
    private async Task<bool> CompleteAllAsync(IReadOnlyList<ProcessedEntry> entries, CancellationToken ct)
    {
        try
        {
            return await TryCompleteAllAsync(entries, ct);
        }
        catch (DbException) when (!ct.IsCancellationRequested)
        {
            return false;
        }
    }

    private Task<bool> TryCompleteAllAsync(IReadOnlyList<ProcessedEntry> entries, CancellationToken ct) =>
        InTransactionAsync(async scope =>
        {
            var marked = scope.DeferCounted(Marks, MarkParameters(scope, entries));
            scope.Defer(ProcessingSettings, NoParameters);
            foreach (var entry in entries)
            {
                if (entry.State == InboxState.Done)
                    await ApplyAllAsync(scope, entry.Changes);
            }

            await scope.FlushAsync();
            return marked.Rows == entries.Count;
        }, ct, commitIf: all => all);

    /// <summary>PostgreSQL, for the rest of a processing transaction (both settings are local to it):
    /// <list type="bullet">
    /// <item>Its COMMIT returns before its WAL record is flushed (the WAL writer flushes it within a
    /// few hundred milliseconds). Only for processed inbox entries: their marks commit with their
    /// changes, so a commit that a server crash loses is lost whole, and the entry, pending again, is
    /// processed again (ADR 0043). Stores a peer waits on (the inbox append, whose 202 promises the
    /// activity is on disk) and every other write stay synchronous.</item>
    /// <item>The changes' prepared statements, which find their rows by key, keep their generic plans
    /// instead of being planned again for every post (<see cref="GenericPlans"/>, ADR 0045).</item>
    /// </list></summary>
    private const string ProcessingSettings =
        $"SELECT set_config('synchronous_commit', 'off', true), {GenericPlans.ForThisTransaction}";

    private static readonly object NoParameters = new { };

    /// <summary>Runs <paramref name="work"/> in a transaction of the kept connection and commits it,
    /// unless <paramref name="commitIf"/> says no for its result: then it is rolled back.</summary>
    private async Task<T> InTransactionAsync<T>(Func<ChangeScope, Task<T>> work, CancellationToken ct, Func<T, bool>? commitIf = null)
    {
        using var turn = await db.EnterWriteAsync(ct);
        var session = _session ?? new WriterSession(await db.OpenAsync(ct));
        _session = null;
        try
        {
            T result;
            await using (var tx = await session.Connection.BeginTransactionAsync(ct))
            {
                var scope = new ChangeScope(session, tx, db.Dialect, UnixTime.ToMs(time.GetUtcNow()), ct);
                result = await work(scope);
                await scope.FlushAsync();
                ct.ThrowIfCancellationRequested();
                if (commitIf is null || commitIf(result))
                    await tx.CommitAsync(ct);
                else
                    await tx.RollbackAsync(ct);
            }
            _session = session;
            return result;
        }
        finally
        {
            if (_session != session)
                await session.DisposeAsync();
        }
    }

    /// <summary>Closes each entry still pending and claimed by this node; true for those it closed. On
    /// PostgreSQL one statement closes them all and returns the ids it closed (<see cref="Marks"/>);
    /// elsewhere each entry's own prepared statement reports its row count.</summary>
    private async Task<bool[]> MarkAsync(ChangeScope scope, IReadOnlyList<ProcessedEntry> entries)
    {
        if (scope.Dialect != SqlDialect.PostgreSql)
            return (await scope.ExecuteAllAsync(entries.Select(e => CloseInbox(scope, e)).ToList())).Select(n => n == 1).ToArray();

        var closed = (await scope.QueryNumbersAsync(Marks, MarkParameters(scope, entries))).ToHashSet();
        return entries.Select(e => closed.Contains(e.InboxEntryId)).ToArray();
    }

    /// <summary>PostgreSQL: closes the entries still pending and claimed by this node, and returns their
    /// ids. <c>id = ANY</c> lets the planner find them by key: it cannot size the unnest of a
    /// parameter, and joined to it alone it chose to scan the inbox (2.7 ms a commit).</summary>
    private const string Marks = $"""
        UPDATE inbox SET state = v.state, note = v.note, processed_at = @Now
        FROM unnest(@Ids, @States, @Notes) AS v(id, state, note)
        WHERE inbox.id = ANY (@Ids) AND inbox.id = v.id
          AND inbox.{InboxPredicates.PendingById} AND inbox.claimed_by = @Node
        RETURNING inbox.id
        """;

    private object MarkParameters(ChangeScope scope, IReadOnlyList<ProcessedEntry> entries) => new
    {
        Ids = entries.Select(e => e.InboxEntryId).ToArray(),
        States = entries.Select(e => EnumText.From(e.State)).ToArray(),
        Notes = entries.Select(e => e.Note).ToArray(),
        scope.Now,
        Node = node.Id,
    };

    private (string Sql, object Param) CloseInbox(ChangeScope scope, ProcessedEntry entry)
    {
        const string sql = """
            UPDATE inbox SET state = @State, note = @Note, processed_at = @Now
            WHERE id = @Id AND state = 'pending' AND claimed_by = @Node
            """;
        return (sql, new { Id = entry.InboxEntryId, State = EnumText.From(entry.State), entry.Note, scope.Now, Node = node.Id });
    }

    private static async Task ApplyAllAsync(ChangeScope scope, IReadOnlyList<Change> changes)
    {
        foreach (var change in changes)
        {
            scope.Ct.ThrowIfCancellationRequested();
            await ApplyAsync(scope, change);
        }
    }

    private static Task ApplyAsync(ChangeScope scope, Change change) => change switch
    {
        UpsertPost c => PostWrites.UpsertAsync(scope, c.Post, c.Origin),
        DeletePost c => PostWrites.DeleteAsync(scope, c.Uri),
        DeleteActor c => ActorWrites.DeleteAsync(scope, c.ActorUri),
        RecordAuthorConsent c => ActorWrites.RecordConsentAsync(scope, c),
        AddInteraction c => InteractionWrites.AddAsync(scope, c.Interaction),
        RemoveInteraction c => InteractionWrites.RemoveAsync(scope, c.ActivityUri, c.ActorUri),
        RemoveInteractionOnPost c => InteractionWrites.RemoveOnPostAsync(scope, c.Kind, c.ActorUri, c.PostUri),
        AddFollower c => FollowWrites.AddAsync(scope, c.Follower),
        RemoveFollower c => FollowWrites.RemoveAsync(scope, c.LocalUsername, c.ActorUri),
        RemoveFollowersAtInbox c => FollowWrites.RemoveAtInboxAsync(scope, c.InboxUrl),
        RecordBlock c => FollowWrites.BlockAsync(scope, c),
        SetSourceState c => AfterDeferredAsync(scope, () => SourceStore.UpdateStateAsync(
            scope.Connection, scope.Transaction, c.SourceId, c.State, c.Error, scope.Now, scope.Ct)),
        EnqueueDeliveries c => AfterDeferredAsync(scope, () => DeliveryQueue.InsertAsync(
            scope.Connection, scope.Transaction, c.Deliveries, scope.Now, scope.Ct)),
        _ => throw new NotSupportedException($"No writer for change {change.GetType().Name}."),
    };

    /// <summary>Writes that use the connection directly run after the statements deferred before them.</summary>
    private static async Task AfterDeferredAsync(ChangeScope scope, Func<Task> write)
    {
        await scope.FlushAsync();
        await write();
    }

    public async ValueTask DisposeAsync()
    {
        if (_session is { } session)
        {
            _session = null;
            await session.DisposeAsync();
        }
    }

    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();
}
