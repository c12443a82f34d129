namespace Middleware.Core.Posts;

public enum InteractionKind
{
    Boost,
    Favourite,
    Reply,
    /// <summary>An explicit "show less" (disagreement) given through this service; never federated.</summary>
    Disagree,
}

/// <summary>One account acting on one post. <see cref="ActivityUri"/> is the id of the
/// Announce/Like/Create that carried it, so an Undo can find it again.</summary>
public sealed record Interaction(
    string ActivityUri,
    InteractionKind Kind,
    string ActorUri,
    string PostUri,
    DateTimeOffset At);
