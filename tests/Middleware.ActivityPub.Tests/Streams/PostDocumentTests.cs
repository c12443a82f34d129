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
    public void Objects_that_are_not_posts_are_refused_with_a_reason(string json, string reason)
    {
        var (post, error) = PostDocument.Read(JsonDocument.Parse(json).RootElement);
        Assert.Null(post);
        Assert.Contains(reason, error);
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
