namespace Middleware.Server.Retention;

/// <summary>The <c>Middleware:Retention</c> section: how long what is no longer needed is kept.</summary>
public sealed class RetentionOptions
{
    public const string Section = "Middleware:Retention";

    /// <summary>Days a processed inbox entry keeps its body (the row itself stays, for dedupe and audit).</summary>
    public int InboxBodyDays { get; set; } = 7;

    /// <summary>Days a delivered or failed delivery stays in the queue, counted from when it was queued.</summary>
    public int DeliveryDays { get; set; } = 14;

    /// <summary>Days the amplification audit keeps what feeds served (ADR 0028). A bit over a year, so a
    /// yearly report (DSA art. 34, 42) can still be counted; an audit range is at most 90 days.</summary>
    public int ServedPositionDays { get; set; } = 400;

    /// <summary>How often the retention job runs.</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Wait after start-up before the first run, so it does not compete with catching up.</summary>
    public TimeSpan StartupDelay { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Rows changed per write; each batch is one short turn of the writer.</summary>
    public int BatchSize { get; set; } = 500;
}
