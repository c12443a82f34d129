using Middleware.Core.Inbox;
using Middleware.Server.Inbox;

namespace Middleware.Server.Tests.Inbox;

public sealed class InboxScheduleTests
{
    private static InboxEntry Entry(long id, string actor) =>
        new(id, $"https://r.example/a/{id}", "Create", actor, actor, "{}", null, DateTimeOffset.UnixEpoch, InboxState.Pending, 0);

    [Fact]
    public async Task One_entry_per_actor_runs_at_a_time_in_arrival_order()
    {
        var schedule = new InboxSchedule(maxInFlight: 10);
        schedule.AddClaimed([Entry(1, "a"), Entry(2, "b"), Entry(3, "a"), Entry(4, "c"), Entry(5, "b")]);

        var first = schedule.Startable();
        Assert.Equal([1L, 2L, 4L], first.Select(e => e.Id));
        var running = new Dictionary<long, TaskCompletionSource>();
        foreach (var entry in first)
        {
            running[entry.Id] = new TaskCompletionSource();
            schedule.Start(entry, running[entry.Id].Task);
        }
        Assert.Empty(schedule.Startable());

        running[1].SetResult();
        await schedule.WaitForAnyAsync(new InboxSignal(), CancellationToken.None);
        Assert.Equal([3L], schedule.Startable().Select(e => e.Id));
    }

    [Fact]
    public void No_more_than_the_limit_start_and_known_entries_are_not_added_twice()
    {
        var schedule = new InboxSchedule(maxInFlight: 2);
        schedule.AddClaimed([Entry(1, "a"), Entry(2, "b"), Entry(3, "c")]);
        var start = schedule.Startable();
        Assert.Equal([1L, 2L], start.Select(e => e.Id));
        schedule.Start(start[0], new TaskCompletionSource().Task);
        schedule.AddClaimed([Entry(1, "a")]);
        Assert.Equal(2, schedule.Buffered);
        Assert.Equal(3, schedule.LastId);
    }

    [Fact]
    public void Handed_over_entries_join_the_order_but_leave_the_claim_position()
    {
        var schedule = new InboxSchedule(maxInFlight: 10);
        schedule.AddClaimed([Entry(2, "a")]);
        schedule.AddHanded([Entry(7, "b"), Entry(5, "a"), Entry(2, "a")]);

        Assert.Equal(2, schedule.LastId);
        Assert.Equal(3, schedule.Buffered);
        Assert.Equal([2L, 7L], schedule.Startable().Select(e => e.Id));
        Assert.Equal([2L, 5L, 7L], schedule.Held.Order());
    }
}
