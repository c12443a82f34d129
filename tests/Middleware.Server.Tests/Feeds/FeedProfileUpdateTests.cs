using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Middleware.Server.Tests.Infrastructure;

namespace Middleware.Server.Tests.Feeds;

/// <summary>A change to a feed account's profile reaches its followers as an Update of the actor,
/// as Mastodon sends a profile change.</summary>
public sealed class FeedProfileUpdateTests : ServiceFixture
{
    private const string Buurt = """{"name":"buurt","displayName":"Buurt","description":"Wat de buurt bezighoudt.","ranker":"chronological"}""";
    private static readonly string BuurtActor = $"{MiddlewareFactory.PublicUrl}/users/buurt";

    private IEnumerable<(RecordedRequest Delivery, JsonElement Activity)> Updates(string path = "/inbox") =>
        Remote.PostsTo(path).Select(p => (p, JsonDocument.Parse(p.Body).RootElement)).Where(u => u.Item2.GetProperty("type").GetString() == "Update");

    private async Task<(RecordedRequest Delivery, JsonElement Activity)> SingleUpdateAsync()
    {
        await Eventually.TrueAsync(() => Task.FromResult(Updates().Any()), "the Update");
        // Updates are queued before the admin request returns: once the queue is empty, a second one
        // (wrongly) sent would have arrived.
        await DrainDeliveriesAsync();
        return Assert.Single(Updates());
    }

    private async Task<HttpResponseMessage> PutAsync(string name, string definition) =>
        await Admin.PutAsync($"/api/admin/feeds/{name}", new StringContent(definition, Encoding.UTF8, "application/json"));

    private async Task CreateAsync(string definition) =>
        Assert.Equal(HttpStatusCode.Created, (await Admin.PostAsync("/api/admin/feeds", new StringContent(definition, Encoding.UTF8, "application/json"))).StatusCode);

    /// <summary>Remote accounts on the one remote server (so sharing its sharedInbox) follow the feed.</summary>
    private async Task FollowAsync(string feed, params string[] names)
    {
        foreach (var name in names)
        {
            using var follower = RemoteAccount.Create(Remote, name);
            var follow = Payloads.Load("follow.json", follower.Values(("follow", $"f-{feed}-{name}"), ("target", $"{MiddlewareFactory.PublicUrl}/users/{feed}")));
            Assert.Equal(HttpStatusCode.Accepted, (await PostAsync(follower, $"/users/{feed}/inbox", follow)).StatusCode);
        }
        await DrainInboxAsync();
        // The Accepts go to the personal inboxes; once they are out, only what follows is looked at.
        await Eventually.TrueAsync(() => Task.FromResult(names.All(n => Remote.PostsTo($"/users/{n}/inbox").Any())), "the Accepts");
    }

    [Fact]
    public async Task A_changed_description_reaches_the_followers_as_one_signed_Update_per_shared_inbox()
    {
        await CreateAsync(Buurt);
        await FollowAsync("buurt", "bob", "carol");

        Assert.Equal(HttpStatusCode.OK, (await PutAsync("buurt", Buurt.Replace("Wat de buurt bezighoudt.", "Nieuws van om de hoek."))).StatusCode);

        var (delivery, update) = await SingleUpdateAsync();
        Assert.Equal(BuurtActor, update.GetProperty("actor").GetString());
        Assert.StartsWith($"{BuurtActor}#updates/", update.GetProperty("id").GetString());
        Assert.Equal(["https://www.w3.org/ns/activitystreams#Public"], update.GetProperty("to").EnumerateArray().Select(t => t.GetString()));
        var actor = update.GetProperty("object");
        Assert.Equal(BuurtActor, actor.GetProperty("id").GetString());
        Assert.Equal("Service", actor.GetProperty("type").GetString());
        Assert.Contains("Nieuws van om de hoek.", actor.GetProperty("summary").GetString());
        Assert.Contains("feed version 2", actor.GetProperty("summary").GetString());

        // The object is the actor document we serve, with its @context on the activity.
        var served = JsonNode.Parse((await GetActorDocumentAsync(BuurtActor)).GetRawText())!.AsObject();
        Assert.True(JsonNode.DeepEquals(served["@context"], JsonNode.Parse(update.GetProperty("@context").GetRawText())));
        served.Remove("@context");
        Assert.True(JsonNode.DeepEquals(served, JsonNode.Parse(actor.GetRawText())), actor.GetRawText());

        await AssertSignedByAsync(delivery, BuurtActor);
        Assert.Empty(Updates("/users/bob/inbox"));
        Assert.Empty(Updates("/users/carol/inbox"));
    }

    [Fact]
    public async Task Putting_the_same_definition_again_sends_no_Update()
    {
        await CreateAsync(Buurt);
        await FollowAsync("buurt", "bob");

        Assert.Equal(HttpStatusCode.OK, (await PutAsync("buurt", Buurt)).StatusCode);
        // A real change afterwards shows that the delivery path works, so the silence above is no accident.
        Assert.Equal(HttpStatusCode.OK, (await PutAsync("buurt", Buurt.Replace("\"Buurt\"", "\"De buurt\""))).StatusCode);

        var (_, update) = await SingleUpdateAsync();
        Assert.Equal("De buurt", update.GetProperty("object").GetProperty("name").GetString());
    }

    [Fact]
    public async Task Retiring_a_feed_sends_an_Update_with_the_retired_profile()
    {
        await CreateAsync(Buurt);
        await FollowAsync("buurt", "bob");

        Assert.Equal(HttpStatusCode.NoContent, (await Admin.DeleteAsync("/api/admin/feeds/buurt")).StatusCode);

        var (delivery, update) = await SingleUpdateAsync();
        var summary = update.GetProperty("object").GetProperty("summary").GetString();
        Assert.Contains("This feed was retired on", summary);
        Assert.DoesNotContain("Wat de buurt bezighoudt.", summary);
        await AssertSignedByAsync(delivery, BuurtActor);
    }

    [Fact]
    public async Task A_feed_without_followers_sends_no_Update_and_another_feeds_followers_get_none_of_it()
    {
        await CreateAsync(Buurt);
        await CreateAsync(Buurt.Replace("\"buurt\"", "\"stil\""));
        await FollowAsync("buurt", "bob");

        Assert.Equal(HttpStatusCode.OK, (await PutAsync("stil", Buurt.Replace("\"buurt\"", "\"stil\"").Replace("\"Buurt\"", "\"Stil\""))).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await Admin.DeleteAsync("/api/admin/feeds/stil")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await PutAsync("buurt", Buurt.Replace("\"Buurt\"", "\"De buurt\""))).StatusCode);

        var (_, update) = await SingleUpdateAsync();
        Assert.Equal(BuurtActor, update.GetProperty("actor").GetString());
        Assert.Equal(0, (await StatsAsync()).GetProperty("deliveriesFailed").GetInt64());
    }
}
