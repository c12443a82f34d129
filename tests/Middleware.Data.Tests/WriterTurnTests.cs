namespace Middleware.Data.Tests;

/// <summary>SQLite has one writer at a time; the factory makes writers take turns in-process.</summary>
public sealed class WriterTurnTests : TestDatabase
{
    [Fact]
    public async Task A_second_writer_waits_until_the_first_connection_closes()
    {
        var first = await Db.OpenForWriteAsync();
        var second = Db.OpenForWriteAsync();
        await Task.Delay(100);
        Assert.False(second.IsCompleted);

        await first.DisposeAsync();
        await using var connection = await second.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.Equal(System.Data.ConnectionState.Open, connection.State);
    }

    [Fact]
    public async Task Readers_do_not_wait_for_the_writer()
    {
        await using var writer = await Db.OpenForWriteAsync();
        await using var reader = await Db.OpenAsync().WaitAsync(TimeSpan.FromSeconds(5));
        Assert.Equal(System.Data.ConnectionState.Open, reader.State);
    }

    [Fact]
    public async Task A_turn_taken_for_a_kept_connection_ends_when_disposed()
    {
        var turn = await Db.EnterWriteAsync();
        var next = Db.OpenForWriteAsync();
        await Task.Delay(100);
        Assert.False(next.IsCompleted);
        turn.Dispose();
        turn.Dispose();
        await using var connection = await next.WaitAsync(TimeSpan.FromSeconds(5));
        // Disposing twice released the turn once: a third writer still has to wait for this one.
        var third = Db.OpenForWriteAsync();
        await Task.Delay(100);
        Assert.False(third.IsCompleted);
        await connection.DisposeAsync();
        await (await third.WaitAsync(TimeSpan.FromSeconds(5))).DisposeAsync();
    }
}

public sealed class WriterPriorityTests : TestDatabase
{
    [Fact]
    public async Task A_waiting_request_writer_goes_before_a_waiting_background_writer()
    {
        var holder = await Db.OpenForWriteAsync();
        var background = Db.OpenForWriteAsync(WritePriority.Background);
        var request = Db.OpenForWriteAsync(WritePriority.Request);
        await holder.DisposeAsync();

        await using var first = await request.WaitAsync(TimeSpan.FromSeconds(5));
        await Task.Delay(100);
        Assert.False(background.IsCompleted);
        await first.DisposeAsync();
        await (await background.WaitAsync(TimeSpan.FromSeconds(5))).DisposeAsync();
    }

    [Fact]
    public async Task A_cancelled_waiter_is_skipped()
    {
        var holder = await Db.OpenForWriteAsync();
        using var cts = new CancellationTokenSource();
        var cancelled = Db.OpenForWriteAsync(WritePriority.Request, cts.Token);
        var next = Db.OpenForWriteAsync();
        cts.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cancelled);
        await holder.DisposeAsync();
        await (await next.WaitAsync(TimeSpan.FromSeconds(5))).DisposeAsync();
    }

    [Fact]
    public async Task A_checkpoint_runs_beside_a_writer()
    {
        await using var writer = await Db.OpenForWriteAsync();
        await new WalCheckpointer(Db).CheckpointAsync().WaitAsync(TimeSpan.FromSeconds(5));
    }
}
