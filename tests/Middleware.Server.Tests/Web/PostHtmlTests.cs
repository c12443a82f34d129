using Middleware.Core.Posts;
using Middleware.Server.Web;

namespace Middleware.Server.Tests.Web;

/// <summary>Post HTML as our pages show it: Mastodon's own markup kept, everything that could run
/// or restyle the page removed; plain text encoded.</summary>
public sealed class PostHtmlTests
{
    private static readonly PostHtml Html = new();

    private static string Render(string? html, string text = "text") => Html.Render(new Post
    {
        Uri = "https://a.example/notes/1", AuthorUri = "https://a.example/users/ann", Instance = "a.example",
        ContentHtml = html, ContentText = text, Published = DateTimeOffset.UnixEpoch,
    });

    [Fact]
    public void Mastodon_markup_is_kept_and_links_get_a_safe_rel()
    {
        const string status = """<p>Hi <span class="h-card"><a href="https://b.example/@bo" class="u-url mention" target="_blank" rel="nofollow">@<span>bo</span></a></span> <a href="https://b.example/tags/fedi" class="mention hashtag" rel="tag">#<span>fedi</span></a><br>see <a href="https://example.org/long/path" target="_blank"><span class="invisible">https://</span><span class="ellipsis">example.org/lo</span><span class="invisible">ng/path</span></a></p>""";
        var html = Render(status);

        Assert.Contains("<span class=\"h-card\"><a href=\"https://b.example/@bo\" class=\"u-url mention\" rel=\"nofollow noopener noreferrer\">@<span>bo</span></a></span>", html);
        Assert.Contains("<span class=\"invisible\">https://</span>", html);
        Assert.Contains("<br>", html);
        Assert.DoesNotContain("target", html);
        Assert.DoesNotContain("rel=\"tag\"", html);
    }

    [Theory]
    [InlineData("<p>a<script>alert(1)</script>b</p>", "<p>ab</p>")]
    [InlineData("<p>a<img src=x onerror=alert(1)>b</p>", "<p>ab</p>")]
    [InlineData("<p onclick=\"alert(1)\" style=\"color:red\">a</p>", "<p>a</p>")]
    [InlineData("<a href=\"javascript:alert(1)\">x</a>", "<a rel=\"nofollow noopener noreferrer\">x</a>")]
    [InlineData("<a href=\"/admin\">x</a>", "<a rel=\"nofollow noopener noreferrer\">x</a>")]
    [InlineData("<span class=\"mention evil\">x</span>", "<span class=\"mention\">x</span>")]
    [InlineData("<p><strong>bold</strong> <em>it</em></p>", "<p>bold it</p>")]
    [InlineData("<style>body{display:none}</style><p>a</p>", "<p>a</p>")]
    [InlineData("<iframe src=\"https://evil.example\">x</iframe><svg><script>alert(1)</script></svg><p>a</p>", "<p>a</p>")]
    [InlineData("<form action=\"https://evil.example\"><button>go</button></form>", "go")]
    public void Anything_else_is_removed(string status, string expected) => Assert.Equal(expected, Render(status));

    [Fact]
    public void Plain_text_is_encoded_with_its_paragraphs_and_line_breaks()
    {
        Assert.Equal("<p>a &lt;script&gt;alert(1)&lt;/script&gt; &amp; b<br>c</p><p>d</p>", Render(null, "a <script>alert(1)</script> & b\nc\n\nd"));
        Assert.Equal("<p>x</p>", Render("  ", "x"));
    }
}
