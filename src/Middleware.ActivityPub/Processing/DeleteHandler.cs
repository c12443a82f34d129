using Middleware.ActivityPub.Federation;
using Middleware.ActivityPub.Streams;
using Middleware.Core.Ingest;
using Middleware.Core.Posts;

namespace Middleware.ActivityPub.Processing;

/// <summary>Delete of a post (Tombstone or IRI) or of an actor with everything it wrote.</summary>
public sealed class DeleteHandler(IPostStore store, IDocumentFetcher fetcher) : IActivityHandler
{
    public IReadOnlyCollection<string> Types { get; } = ["Delete"];

    public async Task<ProcessingResult> HandleAsync(ActivityContext context, CancellationToken ct)
    {
        var activity = context.Activity;
        var objectId = activity.ObjectId;
        if (!JsonReading.IsHttpUri(objectId))
            return ProcessingResult.Reject("The object has no http(s) id.");
        if (!JsonReading.SameOrigin(objectId, activity.ActorUri))
            return ProcessingResult.Reject("Only objects on the actor's own host can be deleted by it.");

        // Someone else signed (a relay forwarding it): believe the deletion only when the
        // origin confirms the object is gone.
        if (!context.SignedByActor)
        {
            using var check = await fetcher.FetchAsync(objectId!, ct);
            if (check.Status == FetchStatus.Transient)
                return ProcessingResult.Retry($"Could not confirm the deletion: {check.Error}");
            if (check.Status != FetchStatus.Gone)
                return ProcessingResult.Reject("The origin still serves the object; the forwarded Delete is not believed.");
        }

        if (objectId == activity.ActorUri)
            return ProcessingResult.Apply(new DeleteActor(activity.ActorUri));

        var author = await store.FindAuthorAsync(objectId!, ct);
        if (author is not null && author != activity.ActorUri)
            return ProcessingResult.Reject("Only the author may delete a post.");
        // An unknown post still gets a tombstone, so a late or replayed Create cannot bring it back.
        return ProcessingResult.Apply(new DeletePost(objectId!));
    }
}
