using Middleware.ActivityPub.Streams;
using Middleware.Core.Ingest;
using Middleware.Core.Posts;
using Middleware.Core.Sources;

namespace Middleware.ActivityPub.Processing;

/// <summary>Announce (boost) and Like (favourite). A boosted post we do not hold is fetched from
/// its origin; a relay's Announce brings the post without counting as a boost.</summary>
public sealed class AnnounceLikeHandler(PostResolver posts, IPostStore store, ISourceStore sources) : IActivityHandler
{
    public IReadOnlyCollection<string> Types { get; } = ["Announce", "Like"];

    public async Task<ProcessingResult> HandleAsync(ActivityContext context, CancellationToken ct)
    {
        var activity = context.Activity;
        if (!context.SignedByActor)
            return ProcessingResult.Reject($"A {activity.Type} must be signed by its actor.");
        var objectId = activity.ObjectId;
        if (!JsonReading.IsHttpUri(objectId))
            return ProcessingResult.Reject("The object has no http(s) id.");
        var at = activity.Published ?? context.Entry.ReceivedAt;

        if (activity.Type == "Like")
        {
            if (await store.FindAuthorAsync(objectId!, ct) is null)
                return ProcessingResult.UnknownObject(context, "Like of a post that is not stored.");
            return ProcessingResult.Apply(new AddInteraction(
                new Interaction(activity.Id, InteractionKind.Favourite, activity.ActorUri, objectId!, at)));
        }

        var changes = new List<Change>();
        var postUri = objectId!;
        if (await store.FindAuthorAsync(objectId!, ct) is null)
        {
            if (await store.IsTombstonedAsync(objectId!, ct))
                return ProcessingResult.Ignore("The boosted post was deleted.");
            // Never trust an embedded copy of someone else's post: fetch it from its origin.
            var lookup = await posts.ResolveAsync(activity.Object, objectId!, trustedAuthor: null, ct);
            if (lookup.Failure is not null)
                return lookup.Failure;
            if (lookup.Post!.Visibility is not (Visibility.Public or Visibility.Unlisted))
                return ProcessingResult.Ignore("Only public and unlisted posts are stored.");
            changes.Add(new UpsertPost(lookup.Post));
            // The origin may have named the post by another id it confirmed (Mastodon's one hop).
            postUri = lookup.Post.Uri;
        }

        var relay = await sources.FindByTargetAsync(SourceType.Relay, activity.ActorUri, ct);
        if (relay is null)
            changes.Add(new AddInteraction(new Interaction(activity.Id, InteractionKind.Boost, activity.ActorUri, postUri, at)));
        return ProcessingResult.Apply(changes);
    }
}
