namespace Middleware.Core.Posts;

public enum InteractionKind
{
    Boost,
    Favourite,
    Reply,
}

/// <summary>One account acting on one post. <see cref="ActivityUri"/> is the id of the
/// Announce/Like/Create that carried it, so an Undo can find it again.</summary>
public sealed record Interaction(
    string ActivityUri,
    InteractionKind Kind,
    string ActorUri,
    string PostUri,
    DateTimeOffset At);
