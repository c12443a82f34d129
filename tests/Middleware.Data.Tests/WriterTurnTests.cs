namespace Middleware.Data.Tests;

/// <summary>SQLite has one writer at a time; the factory makes writers take turns in-process.</summary>
public sealed class WriterTurnTests : TestDatabase
{
    /// <summary>Only stops a hang; a turn handed over takes milliseconds.</summary>
    internal static readonly TimeSpan HangGuard = TimeSpan.FromMinutes(1);

    [SqliteOnlyFact]
    public async Task A_second_writer_waits_until_the_first_connection_closes()
    {
        var first = await Db.OpenForWriteAsync();
        var second = Db.OpenForWriteAsync();
        // Queued before the call returns; only the first writer's release lets it in.
        Assert.Equal(1, SqliteDb.WritersWaiting);
        Assert.False(second.IsCompleted);

        await first.DisposeAsync();
        await using var connection = await second.WaitAsync(HangGuard);
        Assert.Equal(System.Data.ConnectionState.Open, connection.State);
    }

    [Fact]
    public async Task Readers_do_not_wait_for_the_writer()
    {
        await using var writer = await Db.OpenForWriteAsync();
        await using var reader = await Db.OpenAsync().WaitAsync(HangGuard);
        Assert.Equal(System.Data.ConnectionState.Open, reader.State);
    }

    [SqliteOnlyFact]
    public async Task A_turn_taken_for_a_kept_connection_ends_when_disposed()
    {
        var turn = await Db.EnterWriteAsync();
        var next = Db.OpenForWriteAsync();
        Assert.Equal(1, SqliteDb.WritersWaiting);
        Assert.False(next.IsCompleted);
        turn.Dispose();
        turn.Dispose();
        await using var connection = await next.WaitAsync(HangGuard);
        // Disposing twice released the turn once: a third writer still has to wait for this one.
        var third = Db.OpenForWriteAsync();
        Assert.Equal(1, SqliteDb.WritersWaiting);
        Assert.False(third.IsCompleted);
        await connection.DisposeAsync();
        await (await third.WaitAsync(HangGuard)).DisposeAsync();
    }
}

public sealed class WriterPriorityTests : TestDatabase
{
    private static readonly TimeSpan HangGuard = WriterTurnTests.HangGuard;

    [SqliteOnlyFact]
    public async Task A_waiting_request_writer_goes_before_a_waiting_background_writer()
    {
        var holder = await Db.OpenForWriteAsync();
        var background = Db.OpenForWriteAsync(WritePriority.Background);
        var request = Db.OpenForWriteAsync(WritePriority.Request);
        await holder.DisposeAsync();

        await using var first = await request.WaitAsync(HangGuard);
        Assert.Equal(1, SqliteDb.WritersWaiting);
        Assert.False(background.IsCompleted);
        await first.DisposeAsync();
        await (await background.WaitAsync(HangGuard)).DisposeAsync();
    }

    // PostgreSQL has no writer gate: nothing waits, so there is no waiter to cancel.
    [SqliteOnlyFact]
    public async Task A_cancelled_waiter_is_skipped()
    {
        var holder = await Db.OpenForWriteAsync();
        using var cts = new CancellationTokenSource();
        var cancelled = Db.OpenForWriteAsync(WritePriority.Request, cts.Token);
        var next = Db.OpenForWriteAsync();
        cts.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cancelled);
        await holder.DisposeAsync();
        await (await next.WaitAsync(HangGuard)).DisposeAsync();
    }

    [Fact]
    public async Task A_checkpoint_runs_beside_a_writer()
    {
        await using var writer = await Db.OpenForWriteAsync();
        await new WalCheckpointer(Db).CheckpointAsync().WaitAsync(HangGuard);
    }
}
