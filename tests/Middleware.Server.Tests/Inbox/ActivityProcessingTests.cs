using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Middleware.Server.Tests.Infrastructure;

namespace Middleware.Server.Tests.Inbox;

/// <summary>Mastodon-shaped activities posted to the shared inbox, signed by their actor, and what
/// ends up stored.</summary>
public sealed class ActivityProcessingTests : TwoAccountsFixture
{
    private async Task<string> CreateNoteAsync(RemoteAccount author, string status)
    {
        var json = Payloads.Load("create-note.json", author.Values(("status", status)));
        var response = await PostAsync(author, "/inbox", json);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        return $"{author.Id}/statuses/{status}";
    }

    [Fact]
    public async Task Create_stores_the_post_with_its_features()
    {
        var uri = await CreateNoteAsync(Alice, "1001");
        var post = await Eventually.GetAsync(() => GetPostAsync(uri), "the post");

        Assert.Equal(Alice.Id, post.GetProperty("author").GetString());
        Assert.Equal(Remote.Host, post.GetProperty("instance").GetString());
        Assert.Equal("nl", post.GetProperty("language").GetString());
        Assert.Equal("Verkiezingen", post.GetProperty("contentWarning").GetString());
        Assert.True(post.GetProperty("sensitive").GetBoolean());
        Assert.Equal(1, post.GetProperty("mediaCount").GetInt32());
        Assert.Equal("public", post.GetProperty("visibility").GetString());
        Assert.Equal(["desinformatie", "verkiezingen"], post.GetProperty("hashtags").EnumerateArray().Select(h => h.GetString()).Order());
        Assert.Contains("#Verkiezingen & desinformatie.\nLees de brief.", post.GetProperty("text").GetString());
        Assert.Equal($"{Bob.Id}", post.GetProperty("mentions")[0].GetString());
    }

    [Fact]
    public async Task Redelivery_of_the_same_activity_is_accepted_and_stored_once()
    {
        var json = Payloads.Load("create-note.json", Alice.Values(("status", "1002")));
        Assert.Equal(HttpStatusCode.Accepted, (await PostAsync(Alice, "/inbox", json)).StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, (await PostAsync(Alice, "/inbox", json)).StatusCode);
        await DrainInboxAsync();
        var stats = await StatsAsync();
        Assert.Equal(1, stats.GetProperty("posts").GetInt64());
        Assert.Equal(1, stats.GetProperty("inboxDone").GetInt64());
        var queues = await Admin.GetFromJsonAsync<JsonElement>("/api/admin/stats/queues");
        Assert.Equal(0, queues.GetProperty("inboxPending").GetInt64());
        Assert.Equal(0, queues.GetProperty("deliveriesPending").GetInt64());
    }

    [Fact]
    public async Task Update_by_the_author_replaces_the_text()
    {
        var uri = await CreateNoteAsync(Alice, "1003");
        await Eventually.GetAsync(() => GetPostAsync(uri), "the post");
        var update = Payloads.Load("update-note.json", Alice.Values(("status", "1003")));
        Assert.Equal(HttpStatusCode.Accepted, (await PostAsync(Alice, "/inbox", update)).StatusCode);
        await Eventually.TrueAsync(async () => (await GetPostAsync(uri))?.GetProperty("text").GetString() == "Bijgewerkt: de brief staat online.", "the update");
        var post = await GetPostAsync(uri);
        Assert.False(post!.Value.GetProperty("sensitive").GetBoolean());
        Assert.NotNull(post.Value.GetProperty("updated").GetString());
    }

    [Fact]
    public async Task Update_by_someone_else_is_rejected_and_changes_nothing()
    {
        var uri = await CreateNoteAsync(Alice, "1004");
        await Eventually.GetAsync(() => GetPostAsync(uri), "the post");
        // Bob claims to update Alice's post (same host, so only the author check stops it).
        var forged = Payloads.Load("update-note.json", Alice.Values(("status", "1004"))).Replace($"\"actor\": \"{Alice.Id}\"", $"\"actor\": \"{Bob.Id}\"");
        Assert.Equal(HttpStatusCode.Accepted, (await PostAsync(Bob, "/inbox", forged)).StatusCode);
        await DrainInboxAsync();
        var post = await GetPostAsync(uri);
        Assert.StartsWith("Maatregelen", post!.Value.GetProperty("text").GetString());
        Assert.Equal(1, (await StatsAsync()).GetProperty("inboxRejected").GetInt64());
    }

    [Fact]
    public async Task Delete_removes_the_post_for_good()
    {
        var uri = await CreateNoteAsync(Alice, "1005");
        await Eventually.GetAsync(() => GetPostAsync(uri), "the post");
        var delete = Payloads.Load("delete-note.json", Alice.Values(("status", "1005")));
        Assert.Equal(HttpStatusCode.Accepted, (await PostAsync(Alice, "/inbox", delete)).StatusCode);
        await Eventually.TrueAsync(async () => await GetPostAsync(uri) is null, "the deletion");

        // A replayed Create (new activity id, same object) cannot bring it back.
        var replay = Payloads.Load("create-note.json", Alice.Values(("status", "1005"))).Replace("/activity\"", "/activity-again\"");
        Assert.Equal(HttpStatusCode.Accepted, (await PostAsync(Alice, "/inbox", replay)).StatusCode);
        await DrainInboxAsync();
        Assert.Null(await GetPostAsync(uri));
    }

    [Fact]
    public async Task A_reply_counts_on_a_stored_parent_and_a_deleted_reply_never_counts_again()
    {
        var parent = await CreateNoteAsync(Alice, "1030");
        await Eventually.GetAsync(() => GetPostAsync(parent), "the parent");
        var reply = Payloads.Load("create-note.json", Bob.Values(("status", "1031")))
            .Replace("\"inReplyTo\": null", $"\"inReplyTo\": \"{parent}\"");
        Assert.Equal(HttpStatusCode.Accepted, (await PostAsync(Bob, "/inbox", reply)).StatusCode);
        await Eventually.TrueAsync(async () => (await GetPostAsync(parent))?.GetProperty("replies").GetInt32() == 1, "the reply");

        // A reply to a post that is not stored is kept as a post, without a count on anything.
        var orphan = Payloads.Load("create-note.json", Bob.Values(("status", "1032")))
            .Replace("\"inReplyTo\": null", $"\"inReplyTo\": \"{Alice.Id}/statuses/unknown\"");
        Assert.Equal(HttpStatusCode.Accepted, (await PostAsync(Bob, "/inbox", orphan)).StatusCode);
        await Eventually.GetAsync(() => GetPostAsync($"{Bob.Id}/statuses/1032"), "the orphan reply");

        // Deleting the reply takes its count away; a replayed Create brings back neither.
        var delete = Payloads.Load("delete-note.json", Bob.Values(("status", "1031")));
        Assert.Equal(HttpStatusCode.Accepted, (await PostAsync(Bob, "/inbox", delete)).StatusCode);
        await Eventually.TrueAsync(async () => (await GetPostAsync(parent))?.GetProperty("replies").GetInt32() == 0, "the deletion");
        Assert.Equal(HttpStatusCode.Accepted, (await PostAsync(Bob, "/inbox", reply.Replace("/activity\"", "/activity-again\""))).StatusCode);
        await DrainInboxAsync();
        Assert.Null(await GetPostAsync($"{Bob.Id}/statuses/1031"));
        Assert.Equal(0, (await GetPostAsync(parent))!.Value.GetProperty("replies").GetInt32());
    }

    [Fact]
    public async Task Announce_of_an_unknown_post_fetches_it_from_its_origin_and_counts_the_boost()
    {
        var noteUri = $"{Bob.Id}/statuses/2001";
        Remote.Serve($"/users/bob/statuses/2001", Payloads.Load("note.json", Bob.Values(("status", "2001"))));
        var announce = Payloads.Load("announce.json", Alice.Values(("boost", "3001"), ("object", noteUri), ("object_author", Bob.Id)));
        Assert.Equal(HttpStatusCode.Accepted, (await PostAsync(Alice, "/inbox", announce)).StatusCode);

        var post = await Eventually.GetAsync(() => GetPostAsync(noteUri), "the boosted post");
        Assert.Equal(Bob.Id, post.GetProperty("author").GetString());
        await Eventually.TrueAsync(async () => (await GetPostAsync(noteUri))?.GetProperty("boosts").GetInt32() == 1, "the boost");
        Assert.Equal(Alice.Id, (await GetPostAsync(noteUri))!.Value.GetProperty("boostedBy")[0].GetString());
        // The fetch was signed by our instance actor, as authorized-fetch instances require.
        var fetch = Remote.Received.First(r => r.Method == "GET" && r.Path == "/users/bob/statuses/2001");
        Assert.Contains("keyId=\"http://localhost/actor#main-key\"", fetch.Headers["Signature"]);
    }

    [Fact]
    public async Task Like_and_its_Undo_change_the_favourite_count()
    {
        var uri = await CreateNoteAsync(Alice, "1006");
        await Eventually.GetAsync(() => GetPostAsync(uri), "the post");
        var values = Bob.Values(("like", "1"), ("object", uri));
        Assert.Equal(HttpStatusCode.Accepted, (await PostAsync(Bob, "/inbox", Payloads.Load("like.json", values))).StatusCode);
        await Eventually.TrueAsync(async () => (await GetPostAsync(uri))?.GetProperty("favourites").GetInt32() == 1, "the favourite");
        Assert.Equal(HttpStatusCode.Accepted, (await PostAsync(Bob, "/inbox", Payloads.Load("undo-like.json", values))).StatusCode);
        await Eventually.TrueAsync(async () => (await GetPostAsync(uri))?.GetProperty("favourites").GetInt32() == 0, "the undo");
    }

    [Fact]
    public async Task A_Like_that_arrives_before_its_post_is_counted_once_the_post_is_stored()
    {
        var uri = $"{Alice.Id}/statuses/1020";
        var like = Payloads.Load("like.json", Bob.Values(("like", "20"), ("object", uri)));
        Assert.Equal(HttpStatusCode.Accepted, (await PostAsync(Bob, "/inbox", like)).StatusCode);
        await CreateNoteAsync(Alice, "1020");
        await Eventually.TrueAsync(async () => (await GetPostAsync(uri))?.GetProperty("favourites").GetInt32() == 1, "the late favourite");
    }

    [Fact]
    public async Task Undo_of_a_boost_by_someone_else_changes_nothing()
    {
        var uri = await CreateNoteAsync(Alice, "1007");
        await Eventually.GetAsync(() => GetPostAsync(uri), "the post");
        var values = Bob.Values(("boost", "3002"), ("object", uri), ("object_author", Alice.Id));
        await PostAsync(Bob, "/inbox", Payloads.Load("announce.json", values));
        await Eventually.TrueAsync(async () => (await GetPostAsync(uri))?.GetProperty("boosts").GetInt32() == 1, "the boost");

        var forgedUndo = Payloads.Load("undo-announce.json", values).Replace("\"id\": \"" + Bob.Id + "/statuses/3002#announces/1/undo\",\n  \"type\": \"Undo\",\n  \"actor\": \"" + Bob.Id, "\"id\": \"" + Alice.Id + "#forged-undo\",\n  \"type\": \"Undo\",\n  \"actor\": \"" + Alice.Id);
        Assert.Contains(Alice.Id + "#forged-undo", forgedUndo);
        Assert.Equal(HttpStatusCode.Accepted, (await PostAsync(Alice, "/inbox", forgedUndo)).StatusCode);
        await DrainInboxAsync();
        Assert.Equal(1, (await GetPostAsync(uri))!.Value.GetProperty("boosts").GetInt32());

        Assert.Equal(HttpStatusCode.Accepted, (await PostAsync(Bob, "/inbox", Payloads.Load("undo-announce.json", values))).StatusCode);
        await Eventually.TrueAsync(async () => (await GetPostAsync(uri))?.GetProperty("boosts").GetInt32() == 0, "the real undo");
    }

    [Fact]
    public async Task Delete_of_an_actor_removes_all_its_posts_and_interactions()
    {
        var first = await CreateNoteAsync(Alice, "1008");
        var second = await CreateNoteAsync(Alice, "1009");
        var bobs = await CreateNoteAsync(Bob, "1010");
        await PostAsync(Alice, "/inbox", Payloads.Load("like.json", Alice.Values(("like", "9"), ("object", bobs))));
        await Eventually.TrueAsync(async () => (await GetPostAsync(bobs))?.GetProperty("favourites").GetInt32() == 1, "the like");

        Assert.Equal(HttpStatusCode.Accepted, (await PostAsync(Alice, "/inbox", Payloads.Load("delete-actor.json", Alice.Values()))).StatusCode);
        await Eventually.TrueAsync(async () => await GetPostAsync(first) is null && await GetPostAsync(second) is null, "the actor deletion");
        Assert.Equal(0, (await GetPostAsync(bobs))!.Value.GetProperty("favourites").GetInt32());
    }

    [Fact]
    public async Task Create_of_an_object_on_another_host_is_rejected()
    {
        var json = Payloads.Load("create-note.json", Alice.Values(("status", "1011")))
            .Replace($"\"id\": \"{Alice.Id}/statuses/1011\"", "\"id\": \"https://elsewhere.example/users/alice/statuses/1011\"");
        Assert.Equal(HttpStatusCode.Accepted, (await PostAsync(Alice, "/inbox", json)).StatusCode);
        await DrainInboxAsync();
        Assert.Equal(0, (await StatsAsync()).GetProperty("posts").GetInt64());
        Assert.Equal(1, (await StatsAsync()).GetProperty("inboxRejected").GetInt64());
    }
}
