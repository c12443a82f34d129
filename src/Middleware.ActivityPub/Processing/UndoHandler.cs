using System.Text.Json;
using Middleware.ActivityPub.Actors;
using Middleware.ActivityPub.Streams;
using Middleware.Core.Ingest;
using Middleware.Core.Posts;

namespace Middleware.ActivityPub.Processing;

/// <summary>Undo of a Like, an Announce or a Follow. Only the actor who did it can undo it.</summary>
public sealed class UndoHandler(LocalUrls urls) : IActivityHandler
{
    public IReadOnlyCollection<string> Types { get; } = ["Undo"];

    public Task<ProcessingResult> HandleAsync(ActivityContext context, CancellationToken ct) =>
        Task.FromResult(Handle(context));

    private ProcessingResult Handle(ActivityContext context)
    {
        var activity = context.Activity;
        if (!context.SignedByActor)
            return ProcessingResult.Reject("An Undo must be signed by its actor.");
        var undoneId = activity.ObjectId;
        if (activity.Object is not { ValueKind: JsonValueKind.Object } undone)
        {
            return JsonReading.IsHttpUri(undoneId)
                ? ProcessingResult.Apply(new RemoveInteraction(undoneId!, activity.ActorUri))
                : ProcessingResult.Reject("The Undo names no activity.");
        }

        var undoneActor = undone.RefId("actor");
        if (undoneActor is not null && undoneActor != activity.ActorUri)
            return ProcessingResult.Reject("Only the actor of an activity can undo it.");
        var target = undone.RefId("object");
        switch (JsonReading.TypeOf(undone))
        {
            case "Follow":
                return urls.UsernameOf(target) is { } username
                    ? ProcessingResult.Apply(new RemoveFollower(username, activity.ActorUri))
                    : ProcessingResult.Ignore("Undo of a Follow of someone who is not ours.");
            case "Like":
                return RemoveInteraction(undoneId, target, InteractionKind.Favourite, activity.ActorUri);
            case "Announce":
                return RemoveInteraction(undoneId, target, InteractionKind.Boost, activity.ActorUri);
            default:
                return ProcessingResult.Ignore($"Undo of a {JsonReading.TypeOf(undone)} has no effect here.");
        }
    }

    private static ProcessingResult RemoveInteraction(string? activityId, string? postUri, InteractionKind kind, string actor)
    {
        var changes = new List<Change>();
        if (JsonReading.IsHttpUri(activityId))
            changes.Add(new RemoveInteraction(activityId!, actor));
        // Some servers send a fresh id in the embedded object: fall back to the target.
        if (JsonReading.IsHttpUri(postUri))
            changes.Add(new RemoveInteractionOnPost(kind, actor, postUri!));
        return changes.Count == 0 ? ProcessingResult.Reject("The Undo names neither an activity nor a post.") : ProcessingResult.Apply(changes);
    }
}
