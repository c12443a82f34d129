using System.Text.Json;
using Middleware.Core.Ingest;
using Middleware.Server.Sources;

namespace Middleware.Server.Tests.Sources;

/// <summary>What a Mastodon REST answer may put into the store: it is another server's word.</summary>
public sealed class MastodonStatusReaderTests
{
    private static JsonElement Status(string url, string createdAt, string? editedAt = null) => JsonDocument.Parse(JsonSerializer.Serialize(new
    {
        id = "1", uri = "https://a.example/users/ann/statuses/1", url, created_at = createdAt, edited_at = editedAt,
        visibility = "public", content = "<p>hi</p>", spoiler_text = "",
        account = new { id = "2", uri = "https://a.example/users/ann", url = "https://a.example/@ann", discoverable = true },
    })).RootElement;

    [Theory]
    [InlineData("javascript:alert(1)")]
    [InlineData("data:text/html,<script>alert(1)</script>")]
    public void A_url_that_is_not_a_web_link_is_replaced_by_the_post_id(string url)
    {
        var post = MastodonStatusReader.Read(Status(url, "2026-01-01T00:00:00.000Z"), "a.example").OfType<UpsertPost>().Single().Post;

        Assert.Equal("https://a.example/users/ann/statuses/1", post.Url);
    }

    [Fact]
    public void Dates_in_the_future_are_taken_as_now()
    {
        var post = MastodonStatusReader.Read(Status("https://a.example/@ann/1", "2099-01-01T00:00:00.000Z", "2099-01-02T00:00:00.000Z"), "a.example")
            .OfType<UpsertPost>().Single().Post;

        Assert.True(post.Published <= DateTimeOffset.UtcNow);
        Assert.True(post.Updated <= DateTimeOffset.UtcNow);
    }

    private static JsonElement Json(object value) => JsonDocument.Parse(JsonSerializer.Serialize(value)).RootElement;

    private static object StatusBy(string host, string id, string? url = null, object? reblog = null) => new
    {
        id, uri = $"https://{host}/users/ann/statuses/{id}", url = url ?? $"https://{host}/@ann/{id}",
        created_at = "2026-01-01T00:00:00.000Z", visibility = "public", content = "<p>hi</p>", spoiler_text = "", reblog,
        account = new { id = "2", uri = $"https://{host}/users/ann", url = $"https://{host}/@ann", discoverable = true },
    };

    [Fact]
    public void A_url_on_another_host_is_replaced_by_the_post_id()
    {
        var post = MastodonStatusReader.Read(Json(StatusBy("a.example", "1", url: "https://phish.example/a")), "a.example")
            .OfType<UpsertPost>().Single().Post;

        Assert.Equal("https://a.example/users/ann/statuses/1", post.Url);
    }

    [Fact]
    public void A_status_by_an_account_of_another_host_changes_nothing()
    {
        Assert.Empty(MastodonStatusReader.Read(Json(StatusBy("b.example", "1")), "a.example"));
    }

    [Fact]
    public void A_status_on_this_host_claimed_for_an_account_elsewhere_changes_nothing()
    {
        var status = Json(new
        {
            id = "1", uri = "https://a.example/users/ann/statuses/1", created_at = "2026-01-01T00:00:00.000Z",
            visibility = "public", content = "<p>hi</p>",
            account = new { id = "2", uri = "https://b.example/users/bea", discoverable = true },
        });

        Assert.Empty(MastodonStatusReader.Read(status, "a.example"));
    }

    [Fact]
    public void A_local_boost_of_a_post_elsewhere_records_the_boost_only()
    {
        var boost = Json(StatusBy("a.example", "9", reblog: StatusBy("b.example", "1")));

        var changes = MastodonStatusReader.Read(boost, "a.example");

        var interaction = Assert.IsType<AddInteraction>(Assert.Single(changes)).Interaction;
        Assert.Equal("https://b.example/users/ann/statuses/1", interaction.PostUri);
        Assert.Equal("https://a.example/users/ann", interaction.ActorUri);
    }

    [Fact]
    public void Polled_posts_are_marked_as_polled()
    {
        var upsert = MastodonStatusReader.Read(Json(StatusBy("a.example", "1")), "a.example").OfType<UpsertPost>().Single();

        Assert.Equal(Middleware.Core.Posts.PostOrigin.Poll, upsert.Origin);
    }
}
