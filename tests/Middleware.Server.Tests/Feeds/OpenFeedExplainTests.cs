using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Middleware.Core.Feeds;
using Middleware.Server.Tests.Ranking;

namespace Middleware.Server.Tests.Feeds;

public sealed class OpenFeedExplainTests : OpenFeedFixture
{
    protected override IReadOnlyDictionary<string, string?> Settings =>
        new Dictionary<string, string?> { ["Middleware:OpenFeeds:SnapshotSize"] = "20" };

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await ImportPostsAsync(1, 25);
        await ImportTests.ImportAsync(Admin,
            PostLine("old", 80 * 60), PostLine("by-bob", 5, author: "https://a.example/users/bob"), PostLine("hello", 5, "hello"));
        await AddFeedAsync("news");
    }

    private Task<JsonElement> ExplainAsync(string feed, string post, HttpStatusCode expected) =>
        GetJsonAsync($"/api/v1/feeds/{feed}/explain?post={System.Uri.EscapeDataString(post)}", expected);

    [Fact]
    public async Task A_post_in_the_feed_has_its_position_score_and_explanation()
    {
        var placement = await ExplainAsync("news", Uri("p24"), HttpStatusCode.OK);

        Assert.Equal(3, placement.GetProperty("position").GetInt32());
        Assert.Equal(20, placement.GetProperty("of").GetInt32());
        Assert.Equal(1, placement.GetProperty("feedVersion").GetInt32());
        Assert.Equal("chronological", placement.GetProperty("explanation").GetProperty("ranker").GetString());
        Assert.Equal(JsonValueKind.Number, placement.GetProperty("score").ValueKind);
    }

    [Theory]
    [InlineData("https://a.example/notes/never", "not-stored")]
    [InlineData("https://a.example/notes/old", "outside-window")]
    [InlineData("https://a.example/notes/by-bob", "no-consent")]
    [InlineData("https://a.example/notes/p2", "below-snapshot")]
    public async Task A_post_not_in_the_feed_is_404_with_the_reason(string post, string reason)
    {
        var body = await ExplainAsync("news", post, HttpStatusCode.NotFound);

        Assert.Equal(reason, body.GetProperty("reason").GetString());
        Assert.StartsWith("The post is not in the feed 'news'", body.GetProperty("error").GetString());
    }

    [Theory]
    [InlineData(Middleware.Core.Posts.Visibility.Unlisted)]
    [InlineData(Middleware.Core.Posts.Visibility.FollowersOnly)]
    [InlineData(Middleware.Core.Posts.Visibility.Direct)]
    public async Task A_stored_post_that_is_not_public_is_answered_as_not_stored(Middleware.Core.Posts.Visibility visibility)
    {
        var post = new Middleware.Core.Posts.Post
        {
            Uri = Uri("secret"), AuthorUri = Author, Instance = "a.example", ContentText = "for followers",
            Published = DateTimeOffset.UtcNow.AddMinutes(-3), Visibility = visibility,
        };
        await Service.Services.GetRequiredService<Middleware.Core.Ingest.IChangeWriter>().ApplyAsync([new Middleware.Core.Ingest.UpsertPost(post)], null);

        var body = await ExplainAsync("news", Uri("secret"), HttpStatusCode.NotFound);

        Assert.Equal("not-stored", body.GetProperty("reason").GetString());
    }

    [Fact]
    public async Task A_post_the_filters_leave_out_is_not_a_candidate()
    {
        var feed = await AddFeedAsync("greetings");
        await Service.Services.GetRequiredService<IFeedStore>().UpdateAsync(feed with { FiltersJson = """{"excludeKeywords":["post"]}""" });

        Assert.Equal(1, (await ExplainAsync("greetings", Uri("hello"), HttpStatusCode.OK)).GetProperty("position").GetInt32());
        var body = await ExplainAsync("greetings", Uri("p3"), HttpStatusCode.NotFound);
        Assert.Equal("not-a-candidate", body.GetProperty("reason").GetString());
    }

    [Fact]
    public async Task A_post_newer_than_the_kept_ranking_waits_for_the_next()
    {
        await ExplainAsync("news", Uri("p25"), HttpStatusCode.OK);
        await ImportTests.ImportAsync(Admin, PostLine("brand-new", 0));

        var body = await ExplainAsync("news", Uri("brand-new"), HttpStatusCode.NotFound);

        Assert.Equal("newer-than-ranking", body.GetProperty("reason").GetString());
    }

    [Fact]
    public async Task Without_a_post_it_is_400_and_an_unknown_feed_is_404()
    {
        Assert.Equal("post", (await GetJsonAsync("/api/v1/feeds/news/explain", HttpStatusCode.BadRequest)).GetProperty("field").GetString());
        await ExplainAsync("nothing", Uri("p1"), HttpStatusCode.NotFound);
    }
}
