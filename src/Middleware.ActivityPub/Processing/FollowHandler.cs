using Middleware.ActivityPub.Actors;
using Middleware.ActivityPub.Federation;
using Middleware.ActivityPub.Streams;
using Middleware.Core.Actors;
using Middleware.Core.Delivery;
using Middleware.Core.Follows;
using Middleware.Core.Ingest;

namespace Middleware.ActivityPub.Processing;

/// <summary>Follow of one of our actors: feed actors accept at once (Accept to the follower's
/// personal inbox, as Mastodon sends it); the instance actor is not followable and rejects.</summary>
public sealed class FollowHandler(LocalUrls urls, ILocalActorStore locals, ActorResolver actors, ActivityWriter writer)
    : IActivityHandler
{
    public IReadOnlyCollection<string> Types { get; } = ["Follow"];

    public async Task<ProcessingResult> HandleAsync(ActivityContext context, CancellationToken ct)
    {
        var activity = context.Activity;
        if (!context.SignedByActor)
            return ProcessingResult.Reject("A Follow must be signed by its actor.");
        var username = urls.UsernameOf(activity.ObjectId);
        var local = username is null ? null : await locals.FindAsync(username, ct);
        if (local is null)
            return ProcessingResult.Ignore("Follow of an actor that is not ours.");

        var follower = await actors.ResolveAsync(activity.ActorUri, refresh: false, ct);
        if (follower.Actor is null)
            return follower.Transient ? ProcessingResult.Retry(follower.Error!) : ProcessingResult.Reject(follower.Error!);

        var type = local.Kind == LocalActorKind.Feed ? "Accept" : "Reject";
        var response = writer.Respond(type, local.Username, activity.Id, activity.ActorUri);
        var delivery = new NewDelivery(follower.Actor.Inbox, local.Username, response["id"]!.GetValue<string>(), response.ToJsonString(ActivityStreams.WriteOptions));
        var changes = new List<Change> { new EnqueueDeliveries([delivery]) };
        if (local.Kind == LocalActorKind.Feed)
        {
            changes.Insert(0, new AddFollower(new Follower(local.Username, follower.Actor.Uri, follower.Actor.Inbox,
                follower.Actor.SharedInbox, activity.Id, context.Entry.ReceivedAt)));
        }
        return ProcessingResult.Apply(changes);
    }
}
