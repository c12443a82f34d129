using System.Text.Json;
using Middleware.ActivityPub.Streams;
using Middleware.Core.Ingest;
using Middleware.Core.Posts;

namespace Middleware.Server.Sources;

/// <summary>Reads Mastodon REST <c>Status</c> entities (as documented for /api/v1/timelines) into
/// the same changes an ActivityPub Create or Announce would make.</summary>
public static class MastodonStatusReader
{
    public static IReadOnlyList<Change> Read(JsonElement status)
    {
        if (status.ValueKind != JsonValueKind.Object)
            return [];
        if (status.Property("reblog") is { ValueKind: JsonValueKind.Object } reblogged)
        {
            var original = ReadPost(reblogged);
            var booster = AccountUri(status);
            if (original is null || booster is null || status.String("uri") is not { } announceId)
                return original is null ? [] : [new UpsertPost(original)];
            var at = status.Time("created_at") ?? DateTimeOffset.UtcNow;
            return [.. Consent(reblogged), new UpsertPost(original), new AddInteraction(new Interaction(announceId, InteractionKind.Boost, booster, original.Uri, at))];
        }
        return ReadPost(status) is { } post ? [.. Consent(status), new UpsertPost(post)] : [];
    }

    private static DateTimeOffset? NotAfterNow(DateTimeOffset? at) =>
        at is { } t && t > DateTimeOffset.UtcNow ? DateTimeOffset.UtcNow : at;

    private static Post? ReadPost(JsonElement status)
    {
        var uri = status.String("uri");
        var author = AccountUri(status);
        if (!JsonReading.IsHttpUri(uri) || author is null)
            return null;
        var visibility = status.String("visibility") switch
        {
            "public" => Visibility.Public,
            "unlisted" => Visibility.Unlisted,
            _ => (Visibility?)null,
        };
        if (visibility is null)
            return null;
        var html = status.String("content");
        var spoiler = status.String("spoiler_text");
        return new Post
        {
            Uri = uri!,
            Url = status.String("url") is { } url && JsonReading.IsHttpUri(url) ? url : uri,
            AuthorUri = author,
            Instance = JsonReading.Origin(author)!,
            ContentHtml = html,
            ContentText = HtmlText.ToPlainText(html),
            Language = status.String("language"),
            // An instance's clock (or its word) cannot put a post in the future, where it would stay on top
            // and an edit dated later would block the real edits.
            Published = NotAfterNow(status.Time("created_at")) ?? DateTimeOffset.UtcNow,
            Updated = NotAfterNow(status.Time("edited_at")),
            ContentWarning = string.IsNullOrWhiteSpace(spoiler) ? null : spoiler,
            Sensitive = status.Bool("sensitive") ?? false,
            MediaCount = status.Items("media_attachments").Count(),
            Hashtags = status.Items("tags").Select(t => t.String("name")?.ToLowerInvariant()).OfType<string>().Distinct().ToList(),
            Mentions = status.Items("mentions").Select(m => m.String("url")).OfType<string>().Distinct().ToList(),
            Visibility = visibility.Value,
            ObjectType = "Note",
        };
    }

    /// <summary>The author's consent to discovery, from the account entity: <c>discoverable</c> (null or
    /// absent means no) and <c>indexable</c> (Mastodon 4.2+; absent means unknown).</summary>
    private static IEnumerable<Change> Consent(JsonElement status)
    {
        if (AccountUri(status) is not { } author || status.Property("account") is not { } account)
            yield break;
        yield return new RecordAuthorConsent(author, account.Bool("discoverable") == true, account.Bool("indexable"));
    }

    /// <summary>The account's ActivityPub id (<c>uri</c>, Mastodon 4.2+), else its profile URL.</summary>
    private static string? AccountUri(JsonElement status) =>
        status.Property("account") is { } account
            ? new[] { account.String("uri"), account.String("url") }.FirstOrDefault(JsonReading.IsHttpUri)
            : null;
}
