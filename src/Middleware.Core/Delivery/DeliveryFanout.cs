using Middleware.Core.Follows;

namespace Middleware.Core.Delivery;

/// <summary>Addresses one activity to many followers the way Mastodon does: followers on the same
/// server share its <c>sharedInbox</c>, so each server gets the activity once.</summary>
public static class DeliveryFanout
{
    public static IReadOnlyList<NewDelivery> ToFollowers(
        IEnumerable<Follower> followers, string senderUsername, string activityId, string body) =>
        followers
            .Select(f => string.IsNullOrEmpty(f.SharedInbox) ? f.Inbox : f.SharedInbox)
            .Distinct(StringComparer.Ordinal)
            .Select(inbox => new NewDelivery(inbox, senderUsername, activityId, body))
            .ToList();
}
