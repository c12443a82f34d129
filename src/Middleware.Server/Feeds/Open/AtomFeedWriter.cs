using System.Text;
using System.Xml;
using Middleware.ActivityPub.Streams;
using Middleware.Core.Posts;
using Middleware.Ranking;
using Middleware.Server.Configuration;

namespace Middleware.Server.Feeds.Open;

/// <summary>A feed as Atom describes it.</summary>
public sealed record AtomFeed(string Id, string Title, string Subtitle, string SelfUrl, string AlternateUrl, DateTimeOffset Updated, IReadOnlyList<AtomEntry> Entries);

/// <summary>One ranked post with the explanation of its place, and the name its author goes by
/// (see <see cref="AuthorNames"/>).</summary>
public sealed record AtomEntry(Post Post, Explanation Explanation, string AuthorName);

/// <summary>Writes Atom 1.0 (RFC 4287). Remote posts are carried as plain text only: their HTML is
/// someone else's markup and must never reach a feed reader unfiltered. XmlWriter escapes; the
/// characters XML cannot carry at all are dropped first.</summary>
public static class AtomFeedWriter
{
    private const string Namespace = "http://www.w3.org/2005/Atom";

    public static byte[] Write(AtomFeed feed)
    {
        using var stream = new MemoryStream();
        var settings = new XmlWriterSettings { Encoding = new UTF8Encoding(false), Indent = true };
        using (var xml = XmlWriter.Create(stream, settings))
        {
            xml.WriteStartDocument();
            xml.WriteStartElement("feed", Namespace);
            Text(xml, "id", feed.Id);
            Text(xml, "title", feed.Title);
            if (feed.Subtitle.Length > 0)
                Text(xml, "subtitle", feed.Subtitle);
            Text(xml, "updated", Time(feed.Updated));
            Link(xml, "self", feed.SelfUrl, "application/atom+xml");
            Link(xml, "alternate", feed.AlternateUrl, "application/json");
            xml.WriteStartElement("generator", Namespace);
            xml.WriteAttributeString("uri", ServiceInfo.Repository);
            xml.WriteString("Middleware");
            xml.WriteEndElement();
            foreach (var entry in feed.Entries)
                Entry(xml, entry);
            xml.WriteEndElement();
        }
        return stream.ToArray();
    }

    private static void Entry(XmlWriter xml, AtomEntry entry)
    {
        var post = entry.Post;
        xml.WriteStartElement("entry", Namespace);
        Text(xml, "id", post.Uri);
        Text(xml, "title", Title(post, entry.AuthorName));
        // Only web links reach a feed reader (a post's url comes from whoever served it).
        Link(xml, "alternate", JsonReading.IsHttpUri(post.Url) ? post.Url! : post.Uri, "text/html");
        xml.WriteStartElement("author", Namespace);
        Text(xml, "name", entry.AuthorName);
        // Only a web link is a link a reader may follow; anything else stays out.
        if (JsonReading.IsHttpUri(post.AuthorUri))
            Text(xml, "uri", post.AuthorUri);
        xml.WriteEndElement();
        Text(xml, "published", Time(post.Published));
        Text(xml, "updated", Time(post.Updated ?? post.Published));
        var why = entry.Explanation.Fallback is { } fallback ? $"{entry.Explanation.Summary} {fallback}" : entry.Explanation.Summary;
        Text(xml, "summary", why);
        xml.WriteStartElement("content", Namespace);
        xml.WriteAttributeString("type", "text");
        xml.WriteString(Clean(post.ContentText));
        xml.WriteEndElement();
        xml.WriteEndElement();
    }

    /// <summary>The content warning when there is one (readers show the title first), else the
    /// opening words.</summary>
    private static string Title(Post post, string authorName)
    {
        if (!string.IsNullOrWhiteSpace(post.ContentWarning))
            return $"CW: {post.ContentWarning}";
        var text = post.ContentText.ReplaceLineEndings(" ").Trim();
        return text.Length == 0 ? $"Post by {authorName}" : text.Length <= 80 ? text : $"{text[..79].TrimEnd()}…";
    }

    private static void Text(XmlWriter xml, string name, string value)
    {
        xml.WriteStartElement(name, Namespace);
        xml.WriteString(Clean(value));
        xml.WriteEndElement();
    }

    private static void Link(XmlWriter xml, string rel, string href, string type)
    {
        xml.WriteStartElement("link", Namespace);
        xml.WriteAttributeString("rel", rel);
        xml.WriteAttributeString("type", type);
        xml.WriteAttributeString("href", Clean(href));
        xml.WriteEndElement();
    }

    private static string Time(DateTimeOffset time) => XmlConvert.ToString(time.ToUniversalTime(), "yyyy-MM-dd'T'HH:mm:ss'Z'");

    /// <summary>Control characters and lone surrogates would make the document invalid XML.</summary>
    private static string Clean(string text)
    {
        if (!text.Any(c => !XmlConvert.IsXmlChar(c)))
            return text;
        var clean = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            if (XmlConvert.IsXmlChar(text[i]))
                clean.Append(text[i]);
            else if (i + 1 < text.Length && XmlConvert.IsXmlSurrogatePair(text[i + 1], text[i]))
                clean.Append(text[i]).Append(text[++i]);
        }
        return clean.ToString();
    }
}
