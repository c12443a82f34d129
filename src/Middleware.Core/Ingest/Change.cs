using Middleware.Core.Delivery;
using Middleware.Core.Follows;
using Middleware.Core.Posts;
using Middleware.Core.Sources;

namespace Middleware.Core.Ingest;

/// <summary>One change that processing an activity (or a polled status) makes to the store.
/// Processing decides; <see cref="IChangeWriter"/> applies all changes of one activity in one
/// transaction, so an activity is applied entirely or not at all.</summary>
public abstract record Change;

/// <summary>Insert or replace a post; ignored when the post or its author was deleted, and a polled
/// copy never replaces one that came over federation.</summary>
public sealed record UpsertPost(Post Post, PostOrigin Origin = PostOrigin.Federation) : Change;

/// <summary>Remove a post, its interactions and whatever cites it, and keep a tombstone.</summary>
public sealed record DeletePost(string Uri) : Change;

/// <summary>Remove an actor's posts and interactions, and keep a tombstone for the actor.</summary>
public sealed record DeleteActor(string ActorUri) : Change;

/// <summary>What an author's account says about appearing in discovery features (Mastodon's
/// <c>discoverable</c> and <c>indexable</c>), as read from the REST API.</summary>
public sealed record RecordAuthorConsent(string ActorUri, bool Discoverable, bool? Indexable) : Change;

/// <summary>Record an interaction; a second one with the same activity id is ignored.</summary>
public sealed record AddInteraction(Interaction Interaction) : Change;

/// <summary>Undo: remove the interaction carried by that activity, if the actor made it.</summary>
public sealed record RemoveInteraction(string ActivityUri, string ActorUri) : Change;

/// <summary>Undo when only the target is known: remove that actor's interaction of that kind.</summary>
public sealed record RemoveInteractionOnPost(InteractionKind Kind, string ActorUri, string PostUri) : Change;

public sealed record AddFollower(Follower Follower) : Change;

public sealed record RemoveFollower(string LocalUsername, string ActorUri) : Change;

/// <summary>An inbox answered that it is gone (404/410): every follower delivered to through it is
/// dropped, so nothing more is sent there.</summary>
public sealed record RemoveFollowersAtInbox(string InboxUrl) : Change;

public sealed record SetSourceState(long SourceId, SourceState State, string? Error) : Change;

public sealed record EnqueueDeliveries(IReadOnlyList<NewDelivery> Deliveries) : Change;

/// <summary>A remote actor blocked one of ours: stop delivering to it.</summary>
public sealed record RecordBlock(string ActorUri, string LocalUsername, string ActivityUri) : Change;
