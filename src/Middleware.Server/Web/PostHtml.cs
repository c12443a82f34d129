using System.Net;
using AngleSharp.Dom;
using Ganss.Xss;
using Middleware.Core.Posts;

namespace Middleware.Server.Web;

/// <summary>A post's content as HTML safe to put in our pages. Remote HTML goes through HtmlSanitizer,
/// allowing only what Mastodon itself sends in a status (<c>p</c>, <c>br</c>, <c>a href</c>,
/// <c>span class</c> for mentions, hashtags and shortened links); other tags lose their markup but keep
/// their text, and elements whose content is code or hidden (script, style…) go entirely. Links may
/// only be absolute http(s) and get <c>rel="nofollow noopener noreferrer"</c>. Posts without HTML
/// (imported ones) have plain text, which is HTML-encoded.</summary>
public sealed class PostHtml
{
    /// <summary>The classes Mastodon puts on spans and links in statuses.</summary>
    private static readonly string[] MastodonClasses = ["h-card", "u-url", "mention", "hashtag", "invisible", "ellipsis"];

    /// <summary>Removed with everything in them: their text is not meant to be read as text.</summary>
    private static readonly HashSet<string> DroppedWithContent = new(StringComparer.OrdinalIgnoreCase)
    {
        "script", "style", "template", "noscript", "iframe", "object", "embed", "svg", "math", "textarea", "select",
        "title", "head", "xmp", "noembed", "noframes",
    };

    private readonly HtmlSanitizer sanitizer;

    public PostHtml()
    {
        var options = HtmlSanitizerOptions.Empty();
        options.AllowedTags.UnionWith(["p", "br", "a", "span"]);
        options.AllowedAttributes.UnionWith(["href", "rel", "class"]);
        options.AllowedSchemes.UnionWith(["http", "https"]);
        options.UriAttributes.Add("href");
        options.AllowedClasses.UnionWith(MastodonClasses);
        sanitizer = new HtmlSanitizer(options) { KeepChildNodes = true };
        sanitizer.RemovingTag += (_, e) =>
        {
            if (DroppedWithContent.Contains(e.Tag.LocalName))
                e.Tag.InnerHtml = "";
        };
        // Relative links would point into this site; only absolute http(s) links stay.
        sanitizer.FilterUrl += (_, e) =>
        {
            if (!Uri.TryCreate(e.OriginalUrl, UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https"))
                e.SanitizedUrl = null;
        };
        sanitizer.PostProcessNode += (_, e) =>
        {
            if (e.Node is IElement { LocalName: "a" } link)
            {
                link.SetAttribute("rel", "nofollow noopener noreferrer");
                link.RemoveAttribute("target");
            }
        };
    }

    /// <summary>Sanitized HTML from <paramref name="post"/>'s HTML, or its encoded plain text.</summary>
    public string Render(Post post) =>
        string.IsNullOrWhiteSpace(post.ContentHtml) ? PlainText(post.ContentText) : sanitizer.Sanitize(post.ContentHtml);

    /// <summary>Encoded text, one paragraph per block of lines, line breaks kept.</summary>
    public static string PlainText(string text) =>
        string.Concat(text.Replace("\r\n", "\n").Split("\n\n", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(block => $"<p>{WebUtility.HtmlEncode(block).Replace("\n", "<br>")}</p>"));
}
