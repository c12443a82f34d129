using System.Text.Json.Nodes;
using Middleware.ActivityPub.Streams;
using Middleware.Core.Delivery;
using Middleware.Core.Follows;
using Middleware.Server.Inbox;

namespace Middleware.Server.Feeds;

/// <summary>Sends an activity of a feed account to the feed's followers: one delivery per
/// sharedInbox (or inbox), through the durable delivery queue, signed with the feed actor's key
/// when it goes out.</summary>
public sealed class FeedFollowerDelivery(IFollowerStore followers, IDeliveryQueue deliveries, DeliverySignal signal)
{
    /// <summary>Sends to the feed's current followers; a feed without followers sends nothing.</summary>
    public async Task SendAsync(string feed, JsonObject activity, CancellationToken ct) =>
        await SendAsync(feed, await followers.ListAsync(feed, ct), activity, ct);

    /// <summary>Sends to followers the caller has already listed.</summary>
    public async Task SendAsync(string feed, IReadOnlyList<Follower> audience, JsonObject activity, CancellationToken ct)
    {
        if (audience.Count == 0)
            return;
        var body = activity.ToJsonString(ActivityStreams.WriteOptions);
        await deliveries.EnqueueAsync(DeliveryFanout.ToFollowers(audience, feed, (string)activity["id"]!, body), ct);
        signal.Notify();
    }
}
