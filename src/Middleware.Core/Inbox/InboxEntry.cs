namespace Middleware.Core.Inbox;

public enum InboxState
{
    Pending,
    Done,
    /// <summary>Processed but refused (origin check failed, unknown object…); kept for audit.</summary>
    Rejected,
    /// <summary>Gave up after retries (a peer kept failing).</summary>
    Failed,
}

/// <summary>A verified activity as it arrived, before it is processed.</summary>
public sealed record NewInboxEntry(
    string ActivityId,
    string Type,
    string ActorUri,
    /// <summary>Actor id of the key that signed the request (may differ from <see cref="ActorUri"/> for relays).</summary>
    string SignerUri,
    string Body,
    /// <summary>The local actor whose personal inbox received it; null for the shared inbox.</summary>
    string? LocalRecipient,
    DateTimeOffset ReceivedAt);

public sealed record InboxEntry(
    long Id,
    string ActivityId,
    string Type,
    string ActorUri,
    string SignerUri,
    string Body,
    string? LocalRecipient,
    DateTimeOffset ReceivedAt,
    InboxState State,
    int Attempts);

/// <summary>What appending did with one entry: <see cref="Stored"/> is false for a repeat; a stored
/// entry that was claimed for this node on the way in comes back as <see cref="Claimed"/>.</summary>
public sealed record AppendedEntry(bool Stored, InboxEntry? Claimed);

/// <summary>How many appended entries a node claims at most (<see cref="Max"/>, 0 for none), as of
/// <see cref="Now"/>, for a lease that runs until <see cref="Until"/>.</summary>
public sealed record AppendClaim(int Max, DateTimeOffset Now, DateTimeOffset Until)
{
    public static AppendClaim None { get; } = new(0, DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch);
}
