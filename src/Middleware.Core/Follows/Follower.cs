namespace Middleware.Core.Follows;

/// <summary>A remote account following one of our actors (a feed).</summary>
public sealed record Follower(
    string LocalUsername,
    string ActorUri,
    string Inbox,
    string? SharedInbox,
    string FollowActivityUri,
    DateTimeOffset Since);
