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
