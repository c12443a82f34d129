namespace Middleware.Core.Delivery;

public enum DeliveryState
{
    Pending,
    Delivered,
    /// <summary>Given up: 404/410, another permanent refusal, or the retry horizon passed.</summary>
    Failed,
}

/// <summary>An activity to POST to one inbox, signed by one of our actors.</summary>
public sealed record NewDelivery(string InboxUrl, string SenderUsername, string ActivityId, string Body);

public sealed record DeliveryJob(
    long Id,
    string InboxUrl,
    string SenderUsername,
    string ActivityId,
    string Body,
    int Attempts,
    DateTimeOffset NextAttemptAt,
    DeliveryState State,
    string? LastError,
    DateTimeOffset CreatedAt);
