using System.Text.Json;

namespace Middleware.ActivityPub.Streams;

/// <summary>Constants of the ActivityStreams vocabulary as Mastodon uses it.</summary>
public static class ActivityStreams
{
    public const string Context = "https://www.w3.org/ns/activitystreams";
    public const string SecurityContext = "https://w3id.org/security/v1";
    public const string PublicCollection = "https://www.w3.org/ns/activitystreams#Public";
    public const string ActivityJson = "application/activity+json";
    public const string LdJsonProfile = "application/ld+json; profile=\"https://www.w3.org/ns/activitystreams\"";

    /// <summary>The Accept header Mastodon sends when it fetches an ActivityPub document.</summary>
    public const string AcceptHeader = "application/activity+json, application/ld+json; profile=\"https://www.w3.org/ns/activitystreams\"";

    /// <summary>Deep nesting is a denial-of-service vector; no real activity nests this deep.</summary>
    public const int MaxJsonDepth = 32;

    /// <summary>How we write JSON: readable as peers' (no \u002B for '+' or \u003C for '&lt;';
    /// the output is never embedded in HTML).</summary>
    public static readonly JsonSerializerOptions WriteOptions = new()
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static readonly JsonDocumentOptions DocumentOptions = new()
    {
        MaxDepth = MaxJsonDepth,
        AllowTrailingCommas = false,
        CommentHandling = JsonCommentHandling.Disallow,
    };

    /// <summary>Compacted forms of the public collection that appear in the wild.</summary>
    public static bool IsPublic(string iri) =>
        iri is PublicCollection or "as:Public" or "Public";

    /// <summary>Object types stored as posts.</summary>
    public static bool IsPostType(string? type) => type is "Note" or "Article" or "Question" or "Page";

    /// <summary>Actor types (for Update/Delete of profiles).</summary>
    public static bool IsActorType(string? type) =>
        type is "Person" or "Service" or "Application" or "Group" or "Organization";

    /// <summary>Activity types of the ActivityStreams vocabulary and the extensions Mastodon and its
    /// peers send. Anything else posted to an inbox is refused as not an activity.</summary>
    public static bool IsKnownActivityType(string type) => type is
        "Create" or "Update" or "Delete" or "Announce" or "Like" or "Undo" or "Follow" or "Accept"
        or "Reject" or "Block" or "Add" or "Remove" or "Move" or "Flag" or "Question" or "Arrive"
        or "Dislike" or "Ignore" or "Invite" or "Join" or "Leave" or "Listen" or "Offer" or "Read"
        or "TentativeAccept" or "TentativeReject" or "Travel" or "View" or "EmojiReact";

    /// <summary>True for media types under which ActivityPub documents are served
    /// (<c>application/activity+json</c>, or <c>application/ld+json</c> with the AS profile).</summary>
    public static bool IsActivityPubMediaType(string? contentType)
    {
        if (string.IsNullOrWhiteSpace(contentType))
            return false;
        var parts = contentType.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        // ";" or " ; " names no media type at all.
        if (parts.Length == 0)
            return false;
        var mediaType = parts[0].ToLowerInvariant();
        if (mediaType == ActivityJson)
            return true;
        if (mediaType != "application/ld+json")
            return false;
        return parts.Skip(1).Any(p =>
            p.StartsWith("profile=", StringComparison.OrdinalIgnoreCase)
            && p.Contains(Context, StringComparison.Ordinal));
    }
}
