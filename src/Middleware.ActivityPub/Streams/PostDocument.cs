using System.Text.Json;
using Middleware.Core.Posts;

namespace Middleware.ActivityPub.Streams;

/// <summary>Reads a Note, Article, Question or Page into a <see cref="Post"/>.</summary>
public static class PostDocument
{
    /// <summary>Null with a reason when the object is not a post we can store.</summary>
    public static (Post? Post, string? Error) Read(JsonElement obj)
    {
        if (obj.ValueKind != JsonValueKind.Object)
            return (null, "The object is not a JSON object.");
        var type = JsonReading.TypeOf(obj);
        if (!ActivityStreams.IsPostType(type))
            return (null, $"Objects of type '{type}' are not stored.");
        var id = obj.String("id");
        if (!JsonReading.IsHttpUri(id))
            return (null, "The object has no http(s) 'id'.");
        var author = obj.RefIds("attributedTo").FirstOrDefault();
        if (!JsonReading.IsHttpUri(author))
            return (null, "The object has no 'attributedTo'.");
        if (!JsonReading.SameOrigin(id, author))
            return (null, "The object's id and its author are on different hosts.");

        var html = obj.String("content") ?? FirstMapValue(obj, "contentMap");
        var to = obj.RefIds("to");
        var cc = obj.RefIds("cc");
        var summary = obj.String("summary");
        var post = new Post
        {
            Uri = id!,
            // As Mastodon: a link elsewhere would show another site under this author's name.
            Url = obj.RefIds("url").FirstOrDefault(u => JsonReading.IsHttpUri(u) && JsonReading.SameOrigin(u, id)) ?? id,
            AuthorUri = author!,
            Instance = JsonReading.Origin(author)!,
            ContentHtml = html,
            ContentText = HtmlText.ToPlainText(html),
            Language = Language(obj),
            Published = obj.Time("published") ?? DateTimeOffset.UtcNow,
            Updated = obj.Time("updated"),
            InReplyToUri = obj.RefId("inReplyTo"),
            ContentWarning = string.IsNullOrWhiteSpace(summary) ? null : summary,
            Sensitive = obj.Bool("sensitive") ?? false,
            MediaCount = obj.Items("attachment").Count(a => a.ValueKind == JsonValueKind.Object),
            Hashtags = Tags(obj, "Hashtag").Select(t => (t.String("name") ?? "").TrimStart('#').ToLowerInvariant())
                .Where(n => n.Length > 0).Distinct().ToList(),
            Mentions = Tags(obj, "Mention").Select(t => t.String("href")).OfType<string>().Distinct().ToList(),
            Visibility = VisibilityOf(to, cc, author!),
            ObjectType = type!,
        };
        return (post, null);
    }

    /// <summary>Mastodon's rule: Public in <c>to</c> is public, in <c>cc</c> unlisted; a followers
    /// collection makes it followers-only; otherwise it is a direct message.</summary>
    internal static Visibility VisibilityOf(IReadOnlyList<string> to, IReadOnlyList<string> cc, string author)
    {
        if (to.Any(ActivityStreams.IsPublic))
            return Visibility.Public;
        if (cc.Any(ActivityStreams.IsPublic))
            return Visibility.Unlisted;
        if (to.Concat(cc).Any(r => r.EndsWith("/followers", StringComparison.Ordinal) && JsonReading.SameOrigin(r, author)))
            return Visibility.FollowersOnly;
        return Visibility.Direct;
    }

    private static IEnumerable<JsonElement> Tags(JsonElement obj, string type) =>
        obj.Items("tag").Where(t => t.ValueKind == JsonValueKind.Object && JsonReading.TypeOf(t) == type);

    /// <summary>Mastodon puts the language as the only key of <c>contentMap</c>.</summary>
    private static string? Language(JsonElement obj)
    {
        if (obj.Property("contentMap") is { ValueKind: JsonValueKind.Object } map)
            foreach (var p in map.EnumerateObject())
                return JsonReading.NameOf(p) is { Length: > 0 and <= 16 } name ? name.ToLowerInvariant() : null;
        return null;
    }

    private static string? FirstMapValue(JsonElement obj, string name)
    {
        if (obj.Property(name) is { ValueKind: JsonValueKind.Object } map)
            foreach (var p in map.EnumerateObject())
                if (JsonReading.Text(p.Value) is { } text)
                    return text;
        return null;
    }
}
