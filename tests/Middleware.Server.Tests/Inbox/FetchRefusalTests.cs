using System.Net;
using Middleware.Server.Tests.Infrastructure;

namespace Middleware.Server.Tests.Inbox;

/// <summary>An Announce makes us fetch the boosted post from its origin. Origins that answer
/// garbage, the wrong document, the wrong media type or a redirect loop are dropped (with the
/// reason kept on the inbox entry), and nothing stored changes.</summary>
public sealed class FetchRefusalTests : TwoAccountsFixture
{
    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        var create = Payloads.Load("create-note.json", Alice.Values(("status", "1")));
        Assert.Equal(HttpStatusCode.Accepted, (await PostAsync(Alice, "/inbox", create)).StatusCode);
        await Eventually.GetAsync(() => GetPostAsync($"{Alice.Id}/statuses/1"), "the stored post");
    }

    private async Task AnnounceAndExpectRejectionAsync(string status)
    {
        var noteUri = $"{Bob.Id}/statuses/{status}";
        var announce = Payloads.Load("announce.json", Alice.Values(("boost", $"b{status}"), ("object", noteUri), ("object_author", Bob.Id)));
        Assert.Equal(HttpStatusCode.Accepted, (await PostAsync(Alice, "/inbox", announce)).StatusCode);
        await DrainInboxAsync();
        Assert.Null(await GetPostAsync(noteUri));
        var stats = await StatsAsync();
        Assert.Equal(1, stats.GetProperty("posts").GetInt64());
        Assert.Equal(0, stats.GetProperty("interactions").GetInt64());
        Assert.Equal(1, stats.GetProperty("inboxRejected").GetInt64());
        Assert.NotNull(await GetPostAsync($"{Alice.Id}/statuses/1"));
    }

    [Fact]
    public Task Origin_answering_garbage_is_dropped()
    {
        Remote.Serve("/users/bob/statuses/10", "<html>not json", "application/activity+json");
        return AnnounceAndExpectRejectionAsync("10");
    }

    [Fact]
    public Task Origin_answering_html_is_dropped()
    {
        Remote.Serve("/users/bob/statuses/11", Payloads.Load("note.json", Bob.Values(("status", "11"))), "text/html");
        return AnnounceAndExpectRejectionAsync("11");
    }

    [Fact]
    public Task Document_whose_id_is_not_the_url_is_dropped()
    {
        // The document claims another id, and the document at that id does not confirm it.
        string Claiming(string id) => Payloads.Load("note.json", Bob.Values(("status", "12")))
            .Replace($"\"id\": \"{Bob.Id}/statuses/12\"", $"\"id\": \"{Bob.Id}/statuses/{id}\"");
        Remote.Serve("/users/bob/statuses/12", Claiming("12-other"));
        Remote.Serve("/users/bob/statuses/12-other", Claiming("12-third"));
        return AnnounceAndExpectRejectionAsync("12");
    }

    [Fact]
    public Task Redirect_loop_is_dropped()
    {
        Remote.Route("/users/bob/statuses/13", ctx =>
        {
            ctx.Response.StatusCode = 302;
            ctx.Response.Headers.Location = $"{Remote.BaseUrl}/users/bob/statuses/13-b";
            return Task.CompletedTask;
        });
        Remote.Route("/users/bob/statuses/13-b", ctx =>
        {
            ctx.Response.StatusCode = 302;
            ctx.Response.Headers.Location = $"{Remote.BaseUrl}/users/bob/statuses/13";
            return Task.CompletedTask;
        });
        return AnnounceAndExpectRejectionAsync("13");
    }

    [Fact]
    public async Task Origin_that_fails_is_tried_again_later_and_nothing_changes_meanwhile()
    {
        Remote.ServeStatus("/users/bob/statuses/14", 503);
        var noteUri = $"{Bob.Id}/statuses/14";
        var announce = Payloads.Load("announce.json", Alice.Values(("boost", "b14"), ("object", noteUri), ("object_author", Bob.Id)));
        Assert.Equal(HttpStatusCode.Accepted, (await PostAsync(Alice, "/inbox", announce)).StatusCode);
        // Wait until the first try has an outcome (deferred, or anything else): then the state tells.
        await Eventually.TrueAsync(async () => await TriedAsync("/statuses/b14/activity"), "the first try to be recorded");
        var stats = await StatsAsync();
        // Deferred, not dropped: still pending, to be retried with backoff.
        Assert.Equal(1, stats.GetProperty("inboxPending").GetInt64());
        Assert.Equal(0, stats.GetProperty("inboxRejected").GetInt64());
        Assert.Equal(1, stats.GetProperty("posts").GetInt64());
    }

    /// <summary>Whether the inbox entry of the activity has been tried: deferred (an attempt counted) or settled.</summary>
    private async Task<bool> TriedAsync(string activity)
    {
        await using var connection = await Service.OpenDatabaseAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM inbox WHERE activity_id LIKE '%' || @activity AND (attempts > 0 OR state <> 'pending')";
        var parameter = command.CreateParameter();
        parameter.ParameterName = "@activity";
        parameter.Value = activity;
        command.Parameters.Add(parameter);
        return (long)(await command.ExecuteScalarAsync())! > 0;
    }
}
