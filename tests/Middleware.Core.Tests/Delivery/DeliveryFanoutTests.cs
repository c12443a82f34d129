using Middleware.Core.Delivery;
using Middleware.Core.Follows;

namespace Middleware.Core.Tests.Delivery;

public sealed class DeliveryFanoutTests
{
    private static Follower Follower(string actor, string inbox, string? shared) =>
        new("buurt", actor, inbox, shared, $"{actor}#follow", DateTimeOffset.UnixEpoch);

    [Fact]
    public void Followers_on_one_server_get_one_delivery_to_its_shared_inbox()
    {
        var deliveries = DeliveryFanout.ToFollowers(
        [
            Follower("https://a.example/users/1", "https://a.example/users/1/inbox", "https://a.example/inbox"),
            Follower("https://a.example/users/2", "https://a.example/users/2/inbox", "https://a.example/inbox"),
            Follower("https://b.example/users/3", "https://b.example/users/3/inbox", null),
            Follower("https://b.example/users/4", "https://b.example/users/4/inbox", ""),
        ], "buurt", "https://feeds.example/activities/1", "{}");

        Assert.Equal(
            ["https://a.example/inbox", "https://b.example/users/3/inbox", "https://b.example/users/4/inbox"],
            deliveries.Select(d => d.InboxUrl));
        Assert.All(deliveries, d => Assert.Equal("https://feeds.example/activities/1", d.ActivityId));
    }

    [Fact]
    public void No_followers_means_no_deliveries() =>
        Assert.Empty(DeliveryFanout.ToFollowers([], "buurt", "https://feeds.example/activities/2", "{}"));
}
