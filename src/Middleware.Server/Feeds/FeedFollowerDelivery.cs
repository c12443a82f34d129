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
        await deliveries.EnqueueAsync(For(feed, audience, activity), ct);
        signal.Notify();
    }

    /// <summary>The deliveries of <paramref name="activity"/> to followers the caller has listed, for a
    /// caller that queues them in its own transaction (and then calls <see cref="Queued"/>).</summary>
    public static IReadOnlyList<NewDelivery> For(string feed, IReadOnlyList<Follower> audience, JsonObject activity) =>
        DeliveryFanout.ToFollowers(audience, feed, (string)activity["id"]!, activity.ToJsonString(ActivityStreams.WriteOptions));

    /// <summary>Wakes the delivery worker for deliveries queued in someone else's transaction.</summary>
    public void Queued() => signal.Notify();
}
