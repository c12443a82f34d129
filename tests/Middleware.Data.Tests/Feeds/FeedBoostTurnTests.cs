using Middleware.Core.Delivery;
using Middleware.Core.Feeds;
using Middleware.Data.Delivery;
using Middleware.Data.Feeds;

namespace Middleware.Data.Tests.Feeds;

/// <summary>A feed's turn to boost is a compare-and-set in the transaction that records the boost and
/// queues its deliveries (ADR 0036): a second boost in the same interval writes nothing, whichever post
/// it chose, so two nodes that both think they lead send one boost per interval.</summary>
public sealed class FeedBoostTurnTests : TestDatabase
{
    private static readonly TimeSpan Interval = TimeSpan.FromMinutes(10);

    private FeedBoostStore Boosts => new(Db);

    internal static FeedBoost Boost(string post, DateTimeOffset at, string feed = "buurt") =>
        new(feed, $"https://a.example/notes/{post}", $"https://feeds.example/users/{feed}/boosts/{post}", 1, at);

    internal static NewDelivery[] To(FeedBoost boost, params string[] inboxes) =>
        [.. inboxes.Select(i => new NewDelivery(i, boost.Feed, boost.ActivityId, "{\"type\":\"Announce\"}"))];

    [Fact]
    public async Task A_second_boost_within_the_interval_writes_nothing_even_of_another_post()
    {
        var first = Boost("1", Clock.Now);
        var second = Boost("2", Clock.Now.AddMinutes(9));

        Assert.True(await Boosts.BoostAsync(first, Interval, To(first, "https://b.example/inbox", "https://c.example/inbox")));
        Assert.False(await Boosts.BoostAsync(second, Interval, To(second, "https://b.example/inbox")));

        Assert.Equal(["https://a.example/notes/1"], (await Boosts.BoostedPostsAsync("buurt")).Order());
        Assert.Equal(new DeliveryCounts(2, 0, 0), await new DeliveryQueue(Db, Clock, Node).CountAsync());
        Assert.Equal(Clock.Now, await Boosts.LastBoostAtAsync("buurt"));
    }

    [Fact]
    public async Task The_next_interval_takes_the_turn_again_and_other_feeds_have_turns_of_their_own()
    {
        var first = Boost("1", Clock.Now);
        var next = Boost("2", Clock.Now + Interval);
        var other = Boost("1", Clock.Now.AddMinutes(1), feed: "stad");

        Assert.True(await Boosts.BoostAsync(first, Interval, To(first, "https://b.example/inbox")));
        Assert.True(await Boosts.BoostAsync(other, Interval, To(other, "https://b.example/inbox")));
        Assert.True(await Boosts.BoostAsync(next, Interval, To(next, "https://b.example/inbox")));

        Assert.Equal(new DeliveryCounts(3, 0, 0), await new DeliveryQueue(Db, Clock, Node).CountAsync());
        Assert.Equal(Clock.Now + Interval, await Boosts.LastBoostAtAsync("buurt"));
    }

    [Fact]
    public async Task A_post_boosted_before_is_not_boosted_again_and_does_not_use_up_the_turn()
    {
        var first = Boost("1", Clock.Now);
        var again = Boost("1", Clock.Now + Interval) with { ActivityId = "https://feeds.example/users/buurt/boosts/1-again" };
        var other = Boost("2", Clock.Now + Interval);

        Assert.True(await Boosts.BoostAsync(first, Interval, To(first, "https://b.example/inbox")));
        Assert.False(await Boosts.BoostAsync(again, Interval, To(again, "https://b.example/inbox")));
        // The refused boost rolled back its turn, so this interval's turn is still free.
        Assert.True(await Boosts.BoostAsync(other, Interval, To(other, "https://b.example/inbox")));

        Assert.Equal(new DeliveryCounts(2, 0, 0), await new DeliveryQueue(Db, Clock, Node).CountAsync());
    }
}
