using Middleware.Server.Audit;

namespace Middleware.Server.Tests.Audit;

public sealed class AuditRangeTests
{
    private static readonly DateTimeOffset Now = DateTimeOffset.Parse("2026-12-06T10:15:30Z");

    private static AuditRange Read(string? from, string? to)
    {
        var (range, field, problem) = AuditRange.Parse(from, to, Now);
        Assert.True(range is not null, $"{field}: {problem}");
        return range!.Value;
    }

    [Fact]
    public void Without_parameters_it_is_the_seven_days_up_to_the_next_whole_minute()
    {
        Assert.Equal(new AuditRange(DateTimeOffset.Parse("2026-11-29T10:16:00Z"), DateTimeOffset.Parse("2026-12-06T10:16:00Z")), Read(null, null));
    }

    [Fact]
    public void Dates_include_both_days_and_times_are_taken_as_given()
    {
        Assert.Equal(new AuditRange(DateTimeOffset.Parse("2026-12-01T00:00:00Z"), DateTimeOffset.Parse("2026-12-08T00:00:00Z")),
            Read("2026-12-01", "2026-12-07"));
        Assert.Equal(new AuditRange(DateTimeOffset.Parse("2026-12-01T11:00:00Z"), DateTimeOffset.Parse("2026-12-01T12:30:00Z")),
            Read("2026-12-01T12:00:00+01:00", "2026-12-01T12:30:00Z"));
        Assert.Equal(DateTimeOffset.Parse("2026-11-24T00:00:00Z"), Read(null, "2026-11-30").From);
    }

    [Fact]
    public void Ninety_days_are_allowed_and_ninety_one_are_not()
    {
        Assert.Equal(TimeSpan.FromDays(90), Read("2026-09-02", "2026-11-30").To - Read("2026-09-02", "2026-11-30").From);
        Assert.Equal("to", AuditRange.Parse("2026-09-01", "2026-11-30", Now).Field);
    }
}
