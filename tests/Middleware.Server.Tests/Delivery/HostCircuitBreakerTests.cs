using Middleware.Server.Delivery;

namespace Middleware.Server.Tests.Delivery;

public sealed class HostCircuitBreakerTests
{
    private sealed class ManualClock : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = DateTimeOffset.Parse("2026-11-26T12:00:00Z");
        public override DateTimeOffset GetUtcNow() => Now;
    }

    [Fact]
    public void Opens_after_five_failures_in_a_row_doubles_its_pause_and_closes_on_success()
    {
        var clock = new ManualClock();
        var breaker = new HostCircuitBreaker(clock);
        for (var i = 0; i < HostCircuitBreaker.Threshold - 1; i++)
            breaker.RecordFailure("a.example");
        Assert.Null(breaker.OpenUntil("a.example"));

        breaker.RecordFailure("a.example");
        Assert.Equal(clock.Now.AddMinutes(1), breaker.OpenUntil("a.example"));
        Assert.Null(breaker.OpenUntil("b.example"));

        clock.Now = clock.Now.AddMinutes(2);
        Assert.Null(breaker.OpenUntil("a.example"));
        for (var i = 0; i < HostCircuitBreaker.Threshold; i++)
            breaker.RecordFailure("a.example");
        Assert.Equal(clock.Now.AddMinutes(2), breaker.OpenUntil("a.example"));

        breaker.RecordSuccess("a.example");
        Assert.Null(breaker.OpenUntil("a.example"));
    }

    [Fact]
    public void Backoff_grows_like_Mastodons_and_spans_about_two_days()
    {
        var random = new Random(1);
        Assert.InRange(RetrySchedule.Delay(0, random).TotalSeconds, 15, 25);
        Assert.InRange(RetrySchedule.Delay(5, random).TotalSeconds, 640, 700);
        var total = Enumerable.Range(0, RetrySchedule.MaxAttempts - 1).Sum(n => RetrySchedule.Delay(n, random).TotalSeconds);
        Assert.InRange(TimeSpan.FromSeconds(total).TotalDays, 1.9, 2.5);
    }
}
