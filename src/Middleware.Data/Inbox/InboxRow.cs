using Middleware.Core.Inbox;

namespace Middleware.Data.Inbox;

/// <summary>An inbox row as read by Dapper, shared by the reads and the claims.</summary>
internal sealed class InboxRow
{
    public long Id { get; init; }
    public string ActivityId { get; init; } = "";
    public string Type { get; init; } = "";
    public string ActorUri { get; init; } = "";
    public string SignerUri { get; init; } = "";
    public string Body { get; init; } = "";
    public string? LocalRecipient { get; init; }
    public long ReceivedAt { get; init; }
    public string State { get; init; } = "";
    public long Attempts { get; init; }

    public InboxEntry ToEntry() => new(
        Id, ActivityId, Type, ActorUri, SignerUri, Body, LocalRecipient,
        UnixTime.FromMs(ReceivedAt), EnumText.ToInboxState(State), (int)Attempts);
}
