using Middleware.Core.Ranking;
using Middleware.Data.Coordination;

namespace Middleware.Data.Tests.Coordination;

public sealed class RefitHistoryTests : TestDatabase
{
    private static readonly DateTimeOffset At = DateTimeOffset.Parse("2026-12-06T09:00:00Z");

    [Fact]
    public async Task Refits_come_back_as_recorded_newest_first_and_limited()
    {
        var history = new RefitHistory(Db);
        var failed = new RefitRecord("bridging", At, TimeSpan.FromMilliseconds(1234), false, "The refit exceeded its budget of 60 s; the previous model stays.", 10, 0, 0, 0, 0);
        var replaced = new RefitRecord("bridging", At.AddMinutes(15), TimeSpan.FromMilliseconds(987), true, null, 5000, 4200, 300, 120, 2);
        var newest = replaced with { Started = At.AddMinutes(30), Signals = 5100 };
        await history.RecordAsync(failed);
        await history.RecordAsync(newest);
        await history.RecordAsync(replaced);

        Assert.Equal([newest, replaced, failed], await history.RecentAsync(10));
        Assert.Equal([newest], await history.RecentAsync(1));
    }

    [Fact]
    public async Task Refits_older_than_a_year_before_the_newest_are_dropped()
    {
        var history = new RefitHistory(Db);
        var old = new RefitRecord("bridging", At - RefitHistory.KeptFor - TimeSpan.FromMinutes(1), TimeSpan.FromSeconds(1), true, null, 1, 1, 1, 1, 0);
        var kept = old with { Started = At - RefitHistory.KeptFor + TimeSpan.FromMinutes(1) };
        await history.RecordAsync(old);
        await history.RecordAsync(kept);
        Assert.Equal(2, (await history.RecentAsync(10)).Count);

        var now = kept with { Started = At };
        await history.RecordAsync(now);

        Assert.Equal([now, kept], await history.RecentAsync(10));
    }
}
