using Middleware.ActivityPub.Streams;
using Middleware.Core.Inbox;

namespace Middleware.ActivityPub.Processing;

/// <summary>One stored inbox entry being processed, with its parsed envelope.</summary>
public sealed record ActivityContext(InboxEntry Entry, ActivityEnvelope Activity)
{
    /// <summary>True when the key that signed the request belongs to the activity's actor. When
    /// false (a relay forwarded it), nothing embedded is trusted and objects are re-fetched.</summary>
    public bool SignedByActor => Entry.SignerUri == Activity.ActorUri;
}

/// <summary>Handles the activity types it names.</summary>
public interface IActivityHandler
{
    IReadOnlyCollection<string> Types { get; }
    Task<ProcessingResult> HandleAsync(ActivityContext context, CancellationToken ct);
}
