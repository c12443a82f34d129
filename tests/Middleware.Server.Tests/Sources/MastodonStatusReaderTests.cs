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
        var post = MastodonStatusReader.Read(Status(url, "2026-01-01T00:00:00.000Z")).OfType<UpsertPost>().Single().Post;

        Assert.Equal("https://a.example/users/ann/statuses/1", post.Url);
    }

    [Fact]
    public void Dates_in_the_future_are_taken_as_now()
    {
        var post = MastodonStatusReader.Read(Status("https://a.example/@ann/1", "2099-01-01T00:00:00.000Z", "2099-01-02T00:00:00.000Z"))
            .OfType<UpsertPost>().Single().Post;

        Assert.True(post.Published <= DateTimeOffset.UtcNow);
        Assert.True(post.Updated <= DateTimeOffset.UtcNow);
    }
}
