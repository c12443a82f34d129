using System.Text.Json;
using Middleware.ActivityPub.Streams;
using Middleware.Core.Posts;

namespace Middleware.ActivityPub.Tests.Streams;

public sealed class PostDocumentTests
{
    private const string Author = "https://remote.example/users/alice";

    private static JsonElement Note(string extra = "", string to = "[\"https://www.w3.org/ns/activitystreams#Public\"]", string cc = "[]") =>
        JsonDocument.Parse($$"""
            {"id":"{{Author}}/statuses/1","type":"Note","attributedTo":"{{Author}}","to":{{to}},"cc":{{cc}},
             "content":"<p>Hallo&nbsp;<b>wereld</b></p><p>tweede</p>","contentMap":{"nl":"<p>Hallo</p>"}{{extra}}}
            """).RootElement;

    [Theory]
    [InlineData("[\"https://www.w3.org/ns/activitystreams#Public\"]", "[]", Visibility.Public)]
    [InlineData("[\"as:Public\"]", "[]", Visibility.Public)]
    [InlineData("[\"https://remote.example/users/alice/followers\"]", "[\"https://www.w3.org/ns/activitystreams#Public\"]", Visibility.Unlisted)]
    [InlineData("[\"https://remote.example/users/alice/followers\"]", "[]", Visibility.FollowersOnly)]
    [InlineData("[\"https://other.example/users/bob\"]", "[]", Visibility.Direct)]
    public void Visibility_follows_Mastodons_addressing(string to, string cc, Visibility expected)
    {
        var (post, error) = PostDocument.Read(Note(to: to, cc: cc));
        Assert.Null(error);
        Assert.Equal(expected, post!.Visibility);
    }

    [Fact]
    public void Text_language_and_defaults_are_read()
    {
        var (post, _) = PostDocument.Read(Note());
        Assert.Equal("Hallo\u00a0wereld\ntweede", post!.ContentText);
        Assert.Equal("nl", post.Language);
        Assert.Equal("remote.example", post.Instance);
        Assert.Equal(0, post.MediaCount);
        Assert.Null(post.ContentWarning);
    }

    [Fact]
    public void A_post_attributed_to_another_host_is_refused()
    {
        var doc = JsonDocument.Parse("""{"id":"https://a.example/notes/1","type":"Note","attributedTo":"https://b.example/users/x","content":"x"}""");
        var (post, error) = PostDocument.Read(doc.RootElement);
        Assert.Null(post);
        Assert.Contains("different hosts", error);
    }

    [Theory]
    [InlineData("""{"id":"https://a.example/1","type":"Image","attributedTo":"https://a.example/u"}""", "not stored")]
    [InlineData("""{"type":"Note","attributedTo":"https://a.example/u"}""", "no http(s) 'id'")]
    [InlineData("""{"id":"https://a.example/1","type":"Note"}""", "no 'attributedTo'")]
    // Found by ActivityDocumentProperties (seed 3Oj6cXCjJ7g4): a type that is not a string threw InvalidOperationException.
    [InlineData("""{"id":"https://a.example/1","type":{"name":"Note"},"attributedTo":"https://a.example/u"}""", "not stored")]
    public void Objects_that_are_not_posts_are_refused_with_a_reason(string json, string reason)
    {
        var (post, error) = PostDocument.Read(JsonDocument.Parse(json).RootElement);
        Assert.Null(post);
        Assert.Contains(reason, error);
    }

    // Found by ActivityDocumentProperties (seeds 6c00GP1VI2k2, 1h0UUrOFnvK1): JSON may escape a lone surrogate,
    // which a .NET string cannot hold; reading such a value or member name threw InvalidOperationException.
    [Fact]
    public void A_lone_surrogate_in_a_value_is_read_as_absent()
    {
        using var doc = JsonDocument.Parse("""
            {"id":"https://a.example/1","type":"Note","attributedTo":"https://a.example/u",
             "content":"\udc00","contentMap":{"\ud800x":"\ud800"},"summary":"\ud800"}
            """);

        var (post, error) = PostDocument.Read(doc.RootElement);

        Assert.Null(error);
        Assert.Null(post!.ContentHtml);
        Assert.Null(post.Language);
        Assert.Null(post.ContentWarning);
    }

    [Fact]
    public void An_object_with_a_lone_surrogate_as_a_member_name_is_refused()
    {
        using var doc = JsonDocument.Parse("""
            {"id":"https://a.example/1","type":"Note","attributedTo":"https://a.example/u","\ud800":1}
            """);

        var (post, error) = PostDocument.Read(doc.RootElement);

        Assert.Null(post);
        Assert.NotNull(error);
    }

    [Theory]
    [InlineData("\"https://phish.example/@alice/1\"", Author + "/statuses/1")]
    [InlineData("[{\"type\":\"Link\",\"href\":\"https://phish.example/x\"},\"https://remote.example/@alice/1\"]", "https://remote.example/@alice/1")]
    [InlineData("\"https://remote.example/@alice/1\"", "https://remote.example/@alice/1")]
    public void A_url_on_another_host_than_the_post_is_not_kept(string url, string expected)
    {
        var (post, _) = PostDocument.Read(Note(extra: $",\"url\":{url}"));

        Assert.Equal(expected, post!.Url);
    }
}
