using Middleware.Core.Ingest;

namespace Middleware.ActivityPub.Processing;

public enum ProcessingStatus
{
    /// <summary>The changes are to be applied and the entry marked done.</summary>
    Applied,
    /// <summary>Nothing to do (unhandled type, unknown object); the entry is closed as done.</summary>
    Ignored,
    /// <summary>Refused (origin check, not authorised); the entry is closed as rejected.</summary>
    Rejected,
    /// <summary>A peer failed transiently; try the entry again later.</summary>
    Retry,
}

public sealed record ProcessingResult(ProcessingStatus Status, IReadOnlyList<Change> Changes, string? Note)
{
    /// <summary>For <see cref="ProcessingStatus.Retry"/>: when to try again, if sooner than the
    /// worker's backoff.</summary>
    public TimeSpan? RetryAfter { get; init; }

    public static ProcessingResult Apply(params Change[] changes) => new(ProcessingStatus.Applied, changes, null);
    public static ProcessingResult Apply(IReadOnlyList<Change> changes, string? note = null) => new(ProcessingStatus.Applied, changes, note);
    public static ProcessingResult Ignore(string note) => new(ProcessingStatus.Ignored, [], note);
    public static ProcessingResult Reject(string note) => new(ProcessingStatus.Rejected, [], note);
    public static ProcessingResult Retry(string note) => new(ProcessingStatus.Retry, [], note);

    /// <summary>An activity about a post we do not hold yet: its Create may be a few entries behind it
    /// (activities of different actors are processed in parallel, and servers deliver out of order), so
    /// look again after 5 s; and once more after a minute, because with several nodes the Create may be
    /// held by a node that died with it claimed, until its claim's lease (30 s by default) runs out.
    /// Then give up, as Mastodon drops a like of a status it cannot find.</summary>
    public static ProcessingResult UnknownObject(ActivityContext context, string note) => context.Entry.Attempts switch
    {
        0 => new ProcessingResult(ProcessingStatus.Retry, [], note) { RetryAfter = UnknownObjectRetries[0] },
        1 => new ProcessingResult(ProcessingStatus.Retry, [], note) { RetryAfter = UnknownObjectRetries[1] },
        _ => Ignore(note),
    };

    /// <summary>When an activity about an unknown post is looked at again: after its first and second try.</summary>
    public static IReadOnlyList<TimeSpan> UnknownObjectRetries { get; } = [TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(60)];
}
