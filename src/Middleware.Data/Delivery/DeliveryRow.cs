using Middleware.Core.Delivery;

namespace Middleware.Data.Delivery;

/// <summary>A delivery row as read by Dapper, shared by the reads and the claims.</summary>
internal sealed class DeliveryRow
{
    public long Id { get; init; }
    public string InboxUrl { get; init; } = "";
    public string SenderUsername { get; init; } = "";
    public string ActivityId { get; init; } = "";
    public string Body { get; init; } = "";
    public long Attempts { get; init; }
    public long NextAttemptAt { get; init; }
    public string State { get; init; } = "";
    public string? LastError { get; init; }
    public long CreatedAt { get; init; }

    public DeliveryJob ToJob() => new(
        Id, InboxUrl, SenderUsername, ActivityId, Body, (int)Attempts, UnixTime.FromMs(NextAttemptAt),
        EnumText.ToDeliveryState(State), LastError, UnixTime.FromMs(CreatedAt));
}
