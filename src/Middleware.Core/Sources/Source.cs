namespace Middleware.Core.Sources;

public enum SourceType
{
    /// <summary>One account, followed by the instance actor.</summary>
    Account,
    /// <summary>A Mastodon-compatible relay, subscribed to by following as:Public.</summary>
    Relay,
    /// <summary>An instance's public or local timeline, polled through the Mastodon REST API.</summary>
    Timeline,
}

public enum SourceState
{
    /// <summary>Follow sent, no Accept yet.</summary>
    Pending,
    Following,
    Rejected,
    /// <summary>A timeline being polled.</summary>
    Polling,
    /// <summary>Could not be set up (e.g. WebFinger failed); <see cref="Source.LastError"/> says why.</summary>
    Failed,
}

/// <summary>Where candidate posts come from.</summary>
public sealed record Source
{
    public long Id { get; init; }
    public required SourceType Type { get; init; }
    /// <summary>Actor id for accounts and relays; instance base URL for timelines.</summary>
    public required string Target { get; init; }
    /// <summary>Timelines only: the local rather than the federated public timeline.</summary>
    public bool Local { get; init; }
    public SourceState State { get; init; }
    /// <summary>Id of the Follow we sent, so an Accept or Reject can be matched to it.</summary>
    public string? FollowActivityUri { get; init; }
    public string? LastError { get; init; }
    /// <summary>Timelines only: the newest status id seen (<c>min_id</c> of the next poll).</summary>
    public string? Cursor { get; init; }
    public DateTimeOffset? NextPollAt { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; init; }
}
