using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Middleware.Core.Inbox;
using Middleware.Server.Cluster;
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
        using var writer = Writer(store, options);
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
        using var writer = Writer(store);
        await writer.StartAsync(CancellationToken.None);
        Assert.Equal(AppendOutcome.Duplicate, await writer.AppendAsync(Entry(1)).WaitAsync(TimeSpan.FromSeconds(5)));
        await writer.StopAsync(CancellationToken.None);
    }

    [Fact]
    public async Task Stored_entries_are_claimed_for_the_worker_only_while_it_has_room()
    {
        var store = new BlockingInboxStore();
        store.Release.SetResult();
        var handOff = new InboxHandOff();
        using var writer = Writer(store, handOff: handOff);
        await writer.StartAsync(CancellationToken.None);

        // The worker is not running: nothing is claimed, and it hears of unclaimed entries.
        Assert.Equal(AppendOutcome.Stored, await writer.AppendAsync(Entry(1)).WaitAsync(TimeSpan.FromSeconds(5)));
        Assert.Equal([0], store.Claims);
        Assert.Empty(handOff.Take());
        Assert.True(handOff.TakeUnclaimed());

        // Running, with room for one more entry.
        handOff.Open();
        handOff.Holding(InboxHandOff.Capacity - 1);
        Assert.Equal(AppendOutcome.Stored, await writer.AppendAsync(Entry(2)).WaitAsync(TimeSpan.FromSeconds(5)));
        Assert.Equal([0, 1], store.Claims);
        Assert.Equal(["https://remote.example/activities/2"], handOff.Take().Select(e => e.ActivityId));
        Assert.False(handOff.TakeUnclaimed());
        Assert.Equal(1, handOff.Room);

        // Full: a handed-over entry not yet taken counts against the room.
        handOff.Give([Claimed(Entry(3), 3)], unclaimedStored: false);
        Assert.Equal(0, handOff.Room);
        await writer.StopAsync(CancellationToken.None);
    }

    private static InboxWriter Writer(IInboxStore store, IOptions<MiddlewareOptions>? options = null, InboxHandOff? handOff = null) =>
        new(store, new InboxSignal(), handOff ?? new InboxHandOff(), TimeProvider.System, Options.Create(new ClusterOptions()),
            options ?? Options.Create(new MiddlewareOptions()), NullLogger<InboxWriter>.Instance);

    private static InboxEntry Claimed(NewInboxEntry e, long id) =>
        new(id, e.ActivityId, e.Type, e.ActorUri, e.SignerUri, e.Body, e.LocalRecipient, e.ReceivedAt, InboxState.Pending, 0);

    private sealed class BlockingInboxStore : IInboxStore
    {
        public TaskCompletionSource Release { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public SemaphoreSlim Entered { get; } = new(0);
        public bool Duplicate { get; init; }

        public Task<IReadOnlyList<bool>> AppendAsync(IReadOnlyList<NewInboxEntry> entries, CancellationToken ct = default) =>
            throw new NotSupportedException();

        public async Task<IReadOnlyList<AppendedEntry>> AppendAndClaimAsync(
            IReadOnlyList<NewInboxEntry> entries, AppendClaim claim, CancellationToken ct = default)
        {
            Entered.Release();
            await Release.Task;
            Claims.Add(claim.Max);
            return entries.Select((e, i) => new AppendedEntry(!Duplicate, !Duplicate && i < claim.Max ? Claimed(e, i + 1) : null)).ToList();
        }

        public List<int> Claims { get; } = [];

        public Task<IReadOnlyList<InboxEntry>> TakePendingAsync(int max, DateTimeOffset now, long afterId = 0, CancellationToken ct = default) => throw new NotSupportedException();
        public Task DeferAsync(long id, string error, DateTimeOffset retryAt, CancellationToken ct = default) => throw new NotSupportedException();
        public Task CloseAsync(long id, InboxState state, string? note, CancellationToken ct = default) => throw new NotSupportedException();
        public Task<long> CountPendingAsync(CancellationToken ct = default) => Task.FromResult(0L);
    }
}
