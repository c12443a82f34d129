using Middleware.ActivityPub.Federation;
using Middleware.ActivityPub.Streams;
using Middleware.Core.Ingest;
using Middleware.Core.Posts;

namespace Middleware.ActivityPub.Processing;

/// <summary>Create and Update of posts, and Update of the actor's own profile.</summary>
public sealed class CreateUpdateHandler(PostResolver posts, IPostStore store, ActorResolver actors) : IActivityHandler
{
    public IReadOnlyCollection<string> Types { get; } = ["Create", "Update"];

    public async Task<ProcessingResult> HandleAsync(ActivityContext context, CancellationToken ct)
    {
        var activity = context.Activity;
        var objectId = activity.ObjectId;
        if (!JsonReading.IsHttpUri(objectId))
            return ProcessingResult.Reject("The object has no http(s) id.");

        if (activity.Type == "Update" && (ActivityStreams.IsActorType(activity.ObjectType) || objectId == activity.ActorUri))
            return await UpdateProfileAsync(context, objectId!, ct);

        if (activity.ObjectType is { } type && !ActivityStreams.IsPostType(type))
            return ProcessingResult.Ignore($"{activity.Type} of a {type} is not stored.");
        // CVE-2024-23832: a Create may only bring an object from its actor's own host.
        if (!JsonReading.SameOrigin(objectId, activity.ActorUri))
            return ProcessingResult.Reject("The object lives on another host than the actor.");

        if (activity.Type == "Update")
        {
            var author = await store.FindAuthorAsync(objectId!, ct);
            if (author is null)
                return ProcessingResult.UnknownObject(context, "Update of a post that is not stored.");
            if (author != activity.ActorUri)
                return ProcessingResult.Reject("Only the author may update a post.");
        }
        // A Create is not checked against the tombstones here: the writer's upsert skips a deleted
        // post (or author) and the reply interaction of a deleted reply, in the commit, so a redelivered
        // Create of a deleted post changes nothing without a read of its own on every Create (ADR 0041).

        var trusted = context.SignedByActor ? activity.ActorUri : null;
        var lookup = await posts.ResolveAsync(activity.Object, objectId!, trusted, ct);
        if (lookup.Failure is not null)
            return lookup.Failure;
        var post = lookup.Post!;
        if (post.AuthorUri != activity.ActorUri)
            return ProcessingResult.Reject("The object is attributed to someone other than the actor.");
        if (post.Visibility is not (Visibility.Public or Visibility.Unlisted))
            return ProcessingResult.Ignore("Only public and unlisted posts are stored.");

        var changes = new List<Change> { new UpsertPost(post) };
        // Counted only when the parent is stored, which the writer checks in the same commit.
        if (activity.Type == "Create" && post.InReplyToUri is { } parent)
            changes.Add(new AddInteraction(new Interaction(post.Uri, InteractionKind.Reply, post.AuthorUri, parent, post.Published)));
        return ProcessingResult.Apply(changes);
    }

    private async Task<ProcessingResult> UpdateProfileAsync(ActivityContext context, string objectId, CancellationToken ct)
    {
        if (objectId != context.Activity.ActorUri)
            return ProcessingResult.Reject("Only an actor may update its own profile.");
        // The embedded profile is not trusted as sent: re-read it from its origin.
        var refreshed = await actors.ResolveAsync(objectId, refresh: true, ct);
        return refreshed.Actor is null
            ? refreshed.Transient ? ProcessingResult.Retry(refreshed.Error!) : ProcessingResult.Ignore(refreshed.Error!)
            : ProcessingResult.Ignore("Profile refreshed.");
    }
}
