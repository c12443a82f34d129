using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Middleware.Core.Inbox;
using Middleware.Server.Configuration;
using Middleware.Server.Inbox;

namespace Middleware.Server.Tests.Inbox;

/// <summary>The group-commit writer answers only after the store committed, and refuses (instead of
/// queueing without end) when its queue is full.</summary>
public sealed class InboxWriterTests
{
    private static NewInboxEntry Entry(int n) =>
        new($"https://remote.example/activities/{n}", "Create", "https://remote.example/users/a", "https://remote.example/users/a", "{}", null, DateTimeOffset.UtcNow);

    [Fact]
    public async Task Appends_wait_for_the_commit_and_a_full_queue_is_refused()
    {
        var store = new BlockingInboxStore();
        var options = Options.Create(new MiddlewareOptions { InboxWriteQueueCapacity = 1 });
        using var writer = new InboxWriter(store, new InboxSignal(), NullLogger<InboxWriter>.Instance, options);
        await writer.StartAsync(CancellationToken.None);

        var first = writer.AppendAsync(Entry(1));
        await store.Entered.WaitAsync(TimeSpan.FromSeconds(5));   // the writer is inside the commit
        var second = writer.AppendAsync(Entry(2));                 // waits in the queue (capacity 1)
        var third = await writer.AppendAsync(Entry(3));            // no room: refused at once

        Assert.Equal(AppendOutcome.Overloaded, third);
        Assert.False(first.IsCompleted);
        store.Release.SetResult();
        Assert.Equal(AppendOutcome.Stored, await first.WaitAsync(TimeSpan.FromSeconds(5)));
        Assert.Equal(AppendOutcome.Stored, await second.WaitAsync(TimeSpan.FromSeconds(5)));
        await writer.StopAsync(CancellationToken.None);
    }

    [Fact]
    public async Task A_duplicate_is_reported_as_such()
    {
        var store = new BlockingInboxStore { Duplicate = true };
        store.Release.SetResult();
        using var writer = new InboxWriter(store, new InboxSignal(), NullLogger<InboxWriter>.Instance, Options.Create(new MiddlewareOptions()));
        await writer.StartAsync(CancellationToken.None);
        Assert.Equal(AppendOutcome.Duplicate, await writer.AppendAsync(Entry(1)).WaitAsync(TimeSpan.FromSeconds(5)));
        await writer.StopAsync(CancellationToken.None);
    }

    private sealed class BlockingInboxStore : IInboxStore
    {
        public TaskCompletionSource Release { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public SemaphoreSlim Entered { get; } = new(0);
        public bool Duplicate { get; init; }

        public async Task<IReadOnlyList<bool>> AppendAsync(IReadOnlyList<NewInboxEntry> entries, CancellationToken ct = default)
        {
            Entered.Release();
            await Release.Task;
            return entries.Select(_ => !Duplicate).ToList();
        }

        public Task<IReadOnlyList<InboxEntry>> TakePendingAsync(int max, DateTimeOffset now, long afterId = 0, CancellationToken ct = default) => throw new NotSupportedException();
        public Task DeferAsync(long id, string error, DateTimeOffset retryAt, CancellationToken ct = default) => throw new NotSupportedException();
        public Task CloseAsync(long id, InboxState state, string? note, CancellationToken ct = default) => throw new NotSupportedException();
        public Task<long> CountPendingAsync(CancellationToken ct = default) => Task.FromResult(0L);
    }
}
