using System.Net;
using System.Text.Json;
using Middleware.Server.Tests.Infrastructure;

namespace Middleware.Server.Tests.Federation;

/// <summary>A remote account follows one of our feed actors, as Mastodon does.</summary>
public sealed class FeedFollowTests : ServiceFixture
{
    [Fact]
    public async Task Follow_of_a_feed_actor_is_accepted_with_a_signed_Accept_to_the_personal_inbox()
    {
        var feed = await CreateFeedActorAsync("buurt");
        using var alice = RemoteAccount.Create(Remote, "alice");
        var follow = Payloads.Load("follow.json", alice.Values(("follow", "f1"), ("target", feed)));
        Assert.Equal(HttpStatusCode.Accepted, (await PostAsync(alice, "/users/buurt/inbox", follow)).StatusCode);

        var delivery = await Eventually.FirstAsync(() => Remote.PostsTo(alice.Inbox).FirstOrDefault(), "the Accept");
        var accept = JsonDocument.Parse(delivery.Body).RootElement;
        Assert.Equal("Accept", accept.GetProperty("type").GetString());
        Assert.Equal(feed, accept.GetProperty("actor").GetString());
        Assert.Equal($"{Remote.BaseUrl}/f1", accept.GetProperty("object").GetProperty("id").GetString());

        // The Accept is signed with the feed actor's key, which its actor document publishes.
        await AssertSignedByAsync(delivery, feed);

        Assert.Equal(1, (await StatsAsync()).GetProperty("followers").GetInt64());
        var undo = Payloads.Load("undo-follow.json", alice.Values(("follow", "f1"), ("target", feed)));
        Assert.Equal(HttpStatusCode.Accepted, (await PostAsync(alice, "/inbox", undo)).StatusCode);
        await Eventually.TrueAsync(async () => (await StatsAsync()).GetProperty("followers").GetInt64() == 0, "the unfollow");
    }

    [Fact]
    public async Task A_delivery_answered_410_fails_at_once_is_not_retried_and_the_follower_is_dropped()
    {
        await CreateFeedActorAsync("gone");
        using var erin = RemoteAccount.Create(Remote, "erin");
        Remote.ServeStatus(erin.Inbox, 410);
        var follow = Payloads.Load("follow.json", erin.Values(("follow", "f9"), ("target", "http://localhost/users/gone")));
        Assert.Equal(HttpStatusCode.Accepted, (await PostAsync(erin, "/users/gone/inbox", follow)).StatusCode);

        await Eventually.TrueAsync(async () => (await StatsAsync()).GetProperty("deliveriesFailed").GetInt64() == 1, "the failed delivery");
        // Failed, not pending: the worker only ever takes pending deliveries, so this one is never retried.
        Assert.Equal(0, (await StatsAsync()).GetProperty("deliveriesPending").GetInt64());
        Assert.Single(Remote.PostsTo(erin.Inbox));
        await Eventually.TrueAsync(async () => (await StatsAsync()).GetProperty("followers").GetInt64() == 0, "the follower to be dropped");
    }

    [Fact]
    public async Task A_delivery_answered_503_stays_queued_for_a_retry()
    {
        await CreateFeedActorAsync("busy");
        using var fred = RemoteAccount.Create(Remote, "fred");
        Remote.ServeStatus(fred.Inbox, 503);
        var follow = Payloads.Load("follow.json", fred.Values(("follow", "f10"), ("target", "http://localhost/users/busy")));
        Assert.Equal(HttpStatusCode.Accepted, (await PostAsync(fred, "/users/busy/inbox", follow)).StatusCode);

        // The outcome of the first attempt is recorded (attempts 1), whatever it is: then the state tells.
        await Eventually.TrueAsync(async () => await AttemptsAsync() == 1, "the first attempt to be recorded");
        var stats = await StatsAsync();
        Assert.Equal(1, stats.GetProperty("deliveriesPending").GetInt64());
        Assert.Equal(0, stats.GetProperty("deliveriesFailed").GetInt64());
    }

    private async Task<long> AttemptsAsync()
    {
        await using var connection = await Service.OpenDatabaseAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT COALESCE(MAX(attempts), 0) FROM deliveries";
        return (long)(await command.ExecuteScalarAsync())!;
    }

    [Fact]
    public async Task Follow_of_the_instance_actor_is_rejected()
    {
        using var bob = RemoteAccount.Create(Remote, "bob");
        var follow = Payloads.Load("follow.json", bob.Values(("follow", "f2"), ("target", "http://localhost/actor")));
        Assert.Equal(HttpStatusCode.Accepted, (await PostAsync(bob, "/actor/inbox", follow)).StatusCode);
        var delivery = await Eventually.FirstAsync(() => Remote.PostsTo(bob.Inbox).FirstOrDefault(), "the Reject");
        Assert.Equal("Reject", JsonDocument.Parse(delivery.Body).RootElement.GetProperty("type").GetString());
        Assert.Equal(0, (await StatsAsync()).GetProperty("followers").GetInt64());
    }

    [Fact]
    public async Task A_rotated_key_is_fetched_again_once_verification_fails()
    {
        await CreateFeedActorAsync("rotation");
        using var carol = RemoteAccount.Create(Remote, "carol");
        var first = Payloads.Load("create-note.json", carol.Values(("status", "1")));
        Assert.Equal(HttpStatusCode.Accepted, (await PostAsync(carol, "/inbox", first)).StatusCode);

        carol.RotateKey();
        var second = Payloads.Load("create-note.json", carol.Values(("status", "2")));
        Assert.Equal(HttpStatusCode.Accepted, (await PostAsync(carol, "/inbox", second)).StatusCode);
    }
}
