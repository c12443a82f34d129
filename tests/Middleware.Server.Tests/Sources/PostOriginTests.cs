using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Middleware.Core.Ingest;
using Middleware.Core.Posts;
using Middleware.Server.Tests.Infrastructure;

namespace Middleware.Server.Tests.Sources;

/// <summary>A federated post outranks a polled copy (issue 11): a REST timeline cannot overwrite what
/// the author's own server sent.</summary>
public sealed class PostOriginTests : TwoAccountsFixture
{
    private IChangeWriter Writer => Service.Services.GetRequiredService<IChangeWriter>();

    private Post Polled(string uri, string text) => new()
    {
        Uri = uri, AuthorUri = Alice.Id, Instance = Remote.Host, ContentText = text, Published = DateTimeOffset.UtcNow,
        Updated = DateTimeOffset.UtcNow, Visibility = Visibility.Public,
    };

    [Fact]
    public async Task A_polled_copy_does_not_overwrite_a_federated_post()
    {
        var create = Payloads.Load("create-note.json", Alice.Values(("status", "6001")));
        Assert.Equal(HttpStatusCode.Accepted, (await PostAsync(Alice, "/inbox", create)).StatusCode);
        var uri = $"{Alice.Id}/statuses/6001";
        var original = (await Eventually.GetAsync(() => GetPostAsync(uri), "the post")).GetProperty("text").GetString();

        await Writer.ApplyAsync([new UpsertPost(Polled(uri, "Overwritten by a poll"), PostOrigin.Poll)], null);

        Assert.Equal(original, (await GetPostAsync(uri))!.Value.GetProperty("text").GetString());
    }

    [Fact]
    public async Task A_federated_copy_replaces_a_polled_one()
    {
        var uri = $"{Alice.Id}/statuses/6002";
        await Writer.ApplyAsync([new UpsertPost(Polled(uri, "Polled first") with { Updated = null }, PostOrigin.Poll)], null);
        await Writer.ApplyAsync([new UpsertPost(Polled(uri, "Polled again") with { Updated = null }, PostOrigin.Poll)], null);
        Assert.Equal("Polled again", (await GetPostAsync(uri))!.Value.GetProperty("text").GetString());

        var create = Payloads.Load("create-note.json", Alice.Values(("status", "6002")));
        Assert.Equal(HttpStatusCode.Accepted, (await PostAsync(Alice, "/inbox", create)).StatusCode);

        await Eventually.TrueAsync(async () => (await GetPostAsync(uri))?.GetProperty("text").GetString() != "Polled again", "the federated text");
    }
}
