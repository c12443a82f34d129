using System.Collections.Concurrent;
using Middleware.Core.Inbox;
using Middleware.Core.Ingest;
using Middleware.Data.Delivery;
using Middleware.Data.Sources;

namespace Middleware.Data.Ingest;

/// <summary>Applies the changes of one activity in one transaction. Connections with their prepared
/// statements are kept between calls (a few, for concurrent callers); a connection that saw an
/// error is closed rather than reused.</summary>
public sealed class ChangeWriter(IDbConnectionFactory db, TimeProvider time) : IChangeWriter, IAsyncDisposable, IDisposable
{
    private const int MaxIdleSessions = 4;

    private readonly ConcurrentBag<WriterSession> _idle = [];

    /// <summary>All changes and the inbox entry's completion commit together or not at all. When the
    /// entry is no longer pending (already processed, closed, or unknown), nothing is applied: a
    /// second run of the same activity is a no-op.</summary>
    public async Task ApplyAsync(IReadOnlyList<Change> changes, long? inboxEntryId, CancellationToken ct = default)
    {
        using var turn = await db.EnterWriteAsync(ct);
        var session = _idle.TryTake(out var idle) ? idle : new WriterSession(await db.OpenAsync(ct));
        var reusable = false;
        try
        {
            await ApplyAsync(session, changes, inboxEntryId, ct);
            reusable = true;
        }
        finally
        {
            if (reusable && _idle.Count < MaxIdleSessions)
            {
                _idle.Add(session);
            }
            else
            {
                await session.DisposeAsync();
            }
        }
    }

    public async Task<IReadOnlyList<bool>> CompleteAsync(IReadOnlyList<ProcessedEntry> entries, CancellationToken ct = default)
    {
        using var turn = await db.EnterWriteAsync(ct);
        var session = _idle.TryTake(out var idle) ? idle : new WriterSession(await db.OpenAsync(ct));
        var reusable = false;
        try
        {
            var applied = await CompleteAsync(session, entries, ct);
            reusable = true;
            return applied;
        }
        finally
        {
            if (reusable && _idle.Count < MaxIdleSessions)
                _idle.Add(session);
            else
                await session.DisposeAsync();
        }
    }

    private async Task<IReadOnlyList<bool>> CompleteAsync(WriterSession session, IReadOnlyList<ProcessedEntry> entries, CancellationToken ct)
    {
        await using var tx = await session.Connection.BeginTransactionAsync(ct);
        var scope = new ChangeScope(session, tx, UnixTime.ToMs(time.GetUtcNow()), ct);
        var applied = new bool[entries.Count];
        for (var i = 0; i < entries.Count; i++)
        {
            var entry = entries[i];
            applied[i] = await CloseInboxAsync(scope, entry.InboxEntryId, entry.State, entry.Note);
            if (!applied[i] || entry.State != InboxState.Done)
                continue;
            foreach (var change in entry.Changes)
            {
                ct.ThrowIfCancellationRequested();
                await ApplyAsync(scope, change);
            }
        }

        ct.ThrowIfCancellationRequested();
        await tx.CommitAsync(ct);
        return applied;
    }

    private static async Task<bool> CloseInboxAsync(ChangeScope scope, long id, InboxState state, string? note)
    {
        const string sql = """
            UPDATE inbox SET state = @State, note = @Note, processed_at = @Now
            WHERE id = @Id AND state = 'pending'
            """;
        return await scope.ExecuteAsync(sql, new { Id = id, State = EnumText.From(state), Note = note, scope.Now }) == 1;
    }

    private async Task ApplyAsync(WriterSession session, IReadOnlyList<Change> changes, long? inboxEntryId, CancellationToken ct)
    {
        await using var tx = await session.Connection.BeginTransactionAsync(ct);
        var scope = new ChangeScope(session, tx, UnixTime.ToMs(time.GetUtcNow()), ct);

        if (inboxEntryId is { } id && !await MarkInboxDoneAsync(scope, id))
        {
            return;
        }

        foreach (var change in changes)
        {
            ct.ThrowIfCancellationRequested();
            await ApplyAsync(scope, change);
        }

        ct.ThrowIfCancellationRequested();
        await tx.CommitAsync(ct);
    }

    private static Task ApplyAsync(ChangeScope scope, Change change) => change switch
    {
        UpsertPost c => PostWrites.UpsertAsync(scope, c.Post),
        DeletePost c => PostWrites.DeleteAsync(scope, c.Uri),
        DeleteActor c => ActorWrites.DeleteAsync(scope, c.ActorUri),
        AddInteraction c => InteractionWrites.AddAsync(scope, c.Interaction),
        RemoveInteraction c => InteractionWrites.RemoveAsync(scope, c.ActivityUri, c.ActorUri),
        RemoveInteractionOnPost c => InteractionWrites.RemoveOnPostAsync(scope, c.Kind, c.ActorUri, c.PostUri),
        AddFollower c => FollowWrites.AddAsync(scope, c.Follower),
        RemoveFollower c => FollowWrites.RemoveAsync(scope, c.LocalUsername, c.ActorUri),
        RecordBlock c => FollowWrites.BlockAsync(scope, c),
        SetSourceState c => SourceStore.UpdateStateAsync(
            scope.Connection, scope.Transaction, c.SourceId, c.State, c.Error, scope.Now, scope.Ct),
        EnqueueDeliveries c => DeliveryQueue.InsertAsync(
            scope.Connection, scope.Transaction, c.Deliveries, scope.Now, scope.Ct),
        _ => throw new NotSupportedException($"No writer for change {change.GetType().Name}."),
    };

    private static async Task<bool> MarkInboxDoneAsync(ChangeScope scope, long id)
    {
        const string sql = """
            UPDATE inbox SET state = 'done', note = NULL, processed_at = @Now
            WHERE id = @Id AND state = 'pending'
            """;
        return await scope.ExecuteAsync(sql, new { Id = id, scope.Now }) == 1;
    }

    public async ValueTask DisposeAsync()
    {
        while (_idle.TryTake(out var session))
        {
            await session.DisposeAsync();
        }
    }

    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();
}
