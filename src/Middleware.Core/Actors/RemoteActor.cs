namespace Middleware.Core.Actors;

/// <summary>What we keep of an actor on another server: enough to verify its signatures,
/// deliver to it, and honour its consent flags.</summary>
public sealed record RemoteActor
{
    public required string Uri { get; init; }
    public required string Inbox { get; init; }
    public string? SharedInbox { get; init; }
    public string? Username { get; init; }
    public required string Host { get; init; }
    public string? DisplayName { get; init; }
    public string? Url { get; init; }
    public string? Type { get; init; }
    public string? PublicKeyId { get; init; }
    public string? PublicKeyPem { get; init; }
    public bool Discoverable { get; init; }
    /// <summary>FEP-5feb; null when the actor does not say.</summary>
    public bool? Indexable { get; init; }
    public DateTimeOffset FetchedAt { get; init; }
    /// <summary>When the account was created (the actor's <c>published</c>), when it says.</summary>
    public DateTimeOffset? Published { get; init; }
}
