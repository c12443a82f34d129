using Middleware.ActivityPub.Actors;
using Middleware.Core.Ingest;
using Middleware.Core.Sources;

namespace Middleware.ActivityPub.Processing;

/// <summary>Accept and Reject of the Follows we sent (account and relay sources), and Block.</summary>
public sealed class FollowResponseHandler(ISourceStore sources, LocalUrls urls) : IActivityHandler
{
    public IReadOnlyCollection<string> Types { get; } = ["Accept", "Reject", "Block"];

    public async Task<ProcessingResult> HandleAsync(ActivityContext context, CancellationToken ct)
    {
        var activity = context.Activity;
        if (!context.SignedByActor)
            return ProcessingResult.Reject($"A {activity.Type} must be signed by its actor.");

        if (activity.Type == "Block")
        {
            var blocked = urls.UsernameOf(activity.ObjectId);
            return blocked is null
                ? ProcessingResult.Ignore("Block of an actor that is not ours.")
                : ProcessingResult.Apply(new RecordBlock(activity.ActorUri, blocked, activity.Id));
        }

        var source = activity.ObjectId is { } followId ? await sources.FindByFollowActivityAsync(followId, ct) : null;
        // Some relays answer with a fresh Follow id; match on who answered instead.
        source ??= await sources.FindByTargetAsync(SourceType.Account, activity.ActorUri, ct)
                   ?? await sources.FindByTargetAsync(SourceType.Relay, activity.ActorUri, ct);
        if (source is null)
            return ProcessingResult.Ignore($"{activity.Type} of a Follow we did not send.");
        if (source.Target != activity.ActorUri)
            return ProcessingResult.Reject($"Only the followed actor can {activity.Type.ToLowerInvariant()} the Follow.");
        var state = activity.Type == "Accept" ? SourceState.Following : SourceState.Rejected;
        return ProcessingResult.Apply(new SetSourceState(source.Id, state, state == SourceState.Rejected ? "Rejected by the followed actor." : null));
    }
}
