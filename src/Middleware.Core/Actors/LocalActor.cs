namespace Middleware.Core.Actors;

public enum LocalActorKind
{
    /// <summary>The service actor: signs fetches, subscribes to relays, follows accounts.</summary>
    Instance,
    /// <summary>A followable feed account (type Service).</summary>
    Feed,
}

/// <summary>An actor this service hosts. The key pair signs what it sends.</summary>
public sealed record LocalActor
{
    public required string Username { get; init; }
    public required LocalActorKind Kind { get; init; }
    public required string DisplayName { get; init; }
    public string Summary { get; init; } = "";
    public required string PublicKeyPem { get; init; }
    public required string PrivateKeyPem { get; init; }
    public bool Discoverable { get; init; } = true;
    public DateTimeOffset CreatedAt { get; init; }
}
