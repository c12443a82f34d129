using Middleware.Core.Delivery;
using Middleware.Data.Delivery;

namespace Middleware.Data.Tests.Delivery;

public sealed class DeliveryQueueTests : TestDatabase
{
    private const string Activity = "https://feeds.example/activities/1";

    private DeliveryQueue Queue => new(Db, Clock, Node);

    private static NewDelivery To(string inbox, string activity = Activity) => new(inbox, "tech", activity, "{\"type\":\"Announce\"}");

    [Fact]
    public async Task Same_activity_to_the_same_inbox_is_queued_once()
    {
        await Queue.EnqueueAsync([To("https://a.example/inbox"), To("https://a.example/inbox"), To("https://b.example/inbox")]);
        await Queue.EnqueueAsync([To("https://a.example/inbox"), To("https://a.example/inbox", "https://feeds.example/activities/2")]);

        Assert.Equal(new DeliveryCounts(3, 0, 0), await Queue.CountAsync());
    }

    [Fact]
    public async Task Due_jobs_come_oldest_first_and_read_back_as_queued()
    {
        await Queue.EnqueueAsync([To("https://a.example/inbox")]);
        Clock.Now = Clock.Now.AddSeconds(1);
        await Queue.EnqueueAsync([To("https://b.example/inbox")]);

        var due = await Queue.TakeDueAsync(Clock.Now, 10);

        Assert.Equal(["https://a.example/inbox", "https://b.example/inbox"], due.Select(j => j.InboxUrl));
        Assert.Equal(
            new DeliveryJob(due[0].Id, "https://a.example/inbox", "tech", Activity, "{\"type\":\"Announce\"}", 0,
                Clock.Now.AddSeconds(-1), DeliveryState.Pending, null, Clock.Now.AddSeconds(-1)),
            due[0]);
        Assert.Single(await Queue.TakeDueAsync(Clock.Now, 1));
    }

    [Fact]
    public async Task Rescheduled_jobs_wait_and_finished_jobs_leave_the_queue()
    {
        await Queue.EnqueueAsync([To("https://a.example/inbox"), To("https://b.example/inbox"), To("https://c.example/inbox")]);
        var jobs = await new DeliveryClaims(Db, Node).ClaimDueAsync(Clock.Now, Clock.Now.AddSeconds(30), 10);

        await Queue.RescheduleAsync(jobs[0].Id, 1, Clock.Now.AddMinutes(5), "503");
        await Queue.MarkDeliveredAsync(jobs[1].Id);
        await Queue.MarkFailedAsync(jobs[2].Id, "410 Gone");

        Assert.Empty(await Queue.TakeDueAsync(Clock.Now, 10));
        var retried = Assert.Single(await Queue.TakeDueAsync(Clock.Now.AddMinutes(5), 10));
        Assert.Equal((1, "503"), (retried.Attempts, retried.LastError));
        Assert.Equal(new DeliveryCounts(1, 1, 1), await Queue.CountAsync());
    }
}
