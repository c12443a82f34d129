using System.Text.Json;
using Middleware.ActivityPub.Streams;
using Middleware.Core.Ingest;
using Middleware.Core.Posts;

namespace Middleware.Server.Sources;

/// <summary>Reads Mastodon REST <c>Status</c> entities (as documented for /api/v1/timelines) into
/// the same changes an ActivityPub Create or Announce would make, as far as the answering server
/// speaks for them: its own accounts and posts only (ADR 0024).</summary>
public static class MastodonStatusReader
{
    /// <summary>The changes a status from the server at <paramref name="host"/> (host[:port], as
    /// <see cref="JsonReading.Origin"/>) may make. A status by an account elsewhere changes nothing; a
    /// boost of a post elsewhere is recorded only as the boost (it counts once the post is stored from
    /// its own origin). Posts are stored as polled: a federated copy is never overwritten.</summary>
    public static IReadOnlyList<Change> Read(JsonElement status, string host)
    {
        if (status.ValueKind != JsonValueKind.Object || !SpeaksFor(status, host))
            return [];
        if (status.Property("reblog") is { ValueKind: JsonValueKind.Object } reblogged)
        {
            var changes = new List<Change>();
            if (SpeaksFor(reblogged, host) && ReadPost(reblogged) is { } original)
                changes.AddRange([.. Consent(reblogged), new UpsertPost(original, PostOrigin.Poll)]);
            if (reblogged.String("uri") is { } originalUri && JsonReading.IsHttpUri(originalUri))
            {
                var at = status.Time("created_at") ?? DateTimeOffset.UtcNow;
                changes.Add(new AddInteraction(new Interaction(status.String("uri")!, InteractionKind.Boost, AccountUri(status)!, originalUri, at)));
            }
            return changes;
        }
        return ReadPost(status) is { } post ? [.. Consent(status), new UpsertPost(post, PostOrigin.Poll)] : [];
    }

    /// <summary>True when the status and its account are both on <paramref name="host"/>.</summary>
    private static bool SpeaksFor(JsonElement status, string host) =>
        AccountUri(status) is { } author && IsOn(author, host) && status.String("uri") is { } uri && IsOn(uri, host);

    private static bool IsOn(string uri, string host) =>
        JsonReading.IsHttpUri(uri) && string.Equals(JsonReading.Origin(uri), host, StringComparison.OrdinalIgnoreCase);

    private static DateTimeOffset? NotAfterNow(DateTimeOffset? at) =>
        at is { } t && t > DateTimeOffset.UtcNow ? DateTimeOffset.UtcNow : at;

    /// <summary>The post a status shows, whoever's it is; callers decide whether to store it.</summary>
    public static Post? ReadPost(JsonElement status)
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
            // A link elsewhere would show another site under this author's name (Mastodon drops it too).
            Url = status.String("url") is { } url && JsonReading.IsHttpUri(url) && JsonReading.SameOrigin(url, uri) ? url : uri,
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
