using System.Net;
using System.Text.Json;
using Middleware.Server.Tests.Infrastructure;

namespace Middleware.Server.Tests.Inbox;

/// <summary>Activity ids belong to their actor (issue 11): an id on another host is refused, and one
/// sender's use of an id never makes another sender's activity a duplicate.</summary>
public sealed class ActivityIdTests : TwoAccountsFixture
{
    private async Task<string> StoredNoteAsync(RemoteAccount author, string status)
    {
        var response = await PostAsync(author, "/inbox", Payloads.Load("create-note.json", author.Values(("status", status))));
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var uri = $"{author.Id}/statuses/{status}";
        await Eventually.GetAsync(() => GetPostAsync(uri), "the post");
        return uri;
    }

    private static string Like(string id, string actor, string post) =>
        JsonSerializer.Serialize(new Dictionary<string, string>
        {
            ["@context"] = "https://www.w3.org/ns/activitystreams", ["id"] = id, ["type"] = "Like", ["actor"] = actor, ["object"] = post,
        });

    [Fact]
    public async Task A_Delete_whose_id_is_on_another_host_is_refused_and_the_real_one_still_works()
    {
        var uri = await StoredNoteAsync(Alice, "5001");
        await using var elsewhere = await RemoteServer.StartAsync();
        using var mallory = RemoteAccount.Create(elsewhere, "mallory");
        var realDelete = Payloads.Load("delete-note.json", Alice.Values(("status", "5001")));
        var squatted = realDelete.Replace($"\"actor\": \"{Alice.Id}\"", $"\"actor\": \"{mallory.Id}\"");

        var refused = await PostAsync(mallory, "/inbox", squatted);

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("must be on its actor's host", await refused.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Accepted, (await PostAsync(Alice, "/inbox", realDelete)).StatusCode);
        await Eventually.TrueAsync(async () => await GetPostAsync(uri) is null, "the real deletion");
    }

    [Fact]
    public async Task A_forwarded_copy_does_not_make_the_authors_own_Delete_a_duplicate()
    {
        var uri = await StoredNoteAsync(Alice, "5002");
        Remote.Serve("/users/alice/statuses/5002", Payloads.Load("note.json", Alice.Values(("status", "5002"))));
        var delete = Payloads.Load("delete-note.json", Alice.Values(("status", "5002")));
        // Bob (same host) "forwards" Alice's predictable Delete before she sends it: not believed,
        // since the origin still serves the post.
        Assert.Equal(HttpStatusCode.Accepted, (await PostAsync(Bob, "/inbox", delete)).StatusCode);
        await DrainInboxAsync();
        Assert.NotNull(await GetPostAsync(uri));

        Assert.Equal(HttpStatusCode.Accepted, (await PostAsync(Alice, "/inbox", delete)).StatusCode);

        await Eventually.TrueAsync(async () => await GetPostAsync(uri) is null, "Alice's own deletion");
    }

    [Fact]
    public async Task One_actors_Like_id_does_not_swallow_anothers()
    {
        var uri = await StoredNoteAsync(Alice, "5003");
        var id = $"{Alice.Id}#likes/7";
        Assert.Equal(HttpStatusCode.Accepted, (await PostAsync(Bob, "/inbox", Like(id, Bob.Id, uri))).StatusCode);
        await Eventually.TrueAsync(async () => (await GetPostAsync(uri))?.GetProperty("favourites").GetInt32() == 1, "Bob's favourite");

        Assert.Equal(HttpStatusCode.Accepted, (await PostAsync(Alice, "/inbox", Like(id, Alice.Id, uri))).StatusCode);

        await Eventually.TrueAsync(async () => (await GetPostAsync(uri))?.GetProperty("favourites").GetInt32() == 2, "Alice's favourite too");
    }

    [Fact]
    public async Task A_redelivery_by_the_same_sender_is_still_stored_once()
    {
        var uri = await StoredNoteAsync(Alice, "5004");
        var like = Like($"{Bob.Id}#likes/8", Bob.Id, uri);
        Assert.Equal(HttpStatusCode.Accepted, (await PostAsync(Bob, "/inbox", like)).StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, (await PostAsync(Bob, "/inbox", like)).StatusCode);
        await DrainInboxAsync();

        Assert.Equal(2, (await StatsAsync()).GetProperty("inboxDone").GetInt64());
    }
}
