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
    public static ProcessingResult Apply(params Change[] changes) => new(ProcessingStatus.Applied, changes, null);
    public static ProcessingResult Apply(IReadOnlyList<Change> changes, string? note = null) => new(ProcessingStatus.Applied, changes, note);
    public static ProcessingResult Ignore(string note) => new(ProcessingStatus.Ignored, [], note);
    public static ProcessingResult Reject(string note) => new(ProcessingStatus.Rejected, [], note);
    public static ProcessingResult Retry(string note) => new(ProcessingStatus.Retry, [], note);
}
