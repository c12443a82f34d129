using System.Text.Json;

namespace Middleware.Interop.Tests.Peer;

/// <summary>Who a new note is addressed to (Mastodon's visibility levels).</summary>
public enum NoteAudience
{
    /// <summary>to: Public, cc: followers. Delivered to followers (and mentions/inbox).</summary>
    Public,

    /// <summary>to: followers, cc: Public. Delivered to followers.</summary>
    Unlisted,

    /// <summary>to: followers only. Delivered to followers.</summary>
    Followers,

    /// <summary>to: the mentioned actors only. Not delivered to followers.</summary>
    Direct,
}

/// <summary>A note for <see cref="FedifyPeer.CreateNoteAsync"/> to publish.</summary>
/// <param name="Account">The local account posting it (<c>alice</c> or <c>bob</c>).</param>
/// <param name="Content">HTML content, e.g. <c>&lt;p&gt;hello&lt;/p&gt;</c>.</param>
public sealed record NewNote(string Account, string Content)
{
    /// <summary>Addressing; public by default.</summary>
    public NoteAudience Audience { get; init; } = NoteAudience.Public;

    /// <summary>An extra inbox URL to deliver to besides the followers (e.g. our service's inbox).</summary>
    public string? Inbox { get; init; }

    /// <summary>Content warning; also sets <c>sensitive: true</c>.</summary>
    public string? Summary { get; init; }

    /// <summary>Hashtags without '#'; sent as <c>Hashtag</c> tags.</summary>
    public IReadOnlyList<string> Tags { get; init; } = [];

    /// <summary>BCP 47 language; adds <c>contentMap</c>.</summary>
    public string? Language { get; init; }

    /// <summary>The object this note replies to (<c>inReplyTo</c>).</summary>
    public string? InReplyTo { get; init; }

    /// <summary>Actor URLs to mention; they get a <c>Mention</c> tag, are addressed and delivered to.</summary>
    public IReadOnlyList<string> Mentions { get; init; } = [];
}

/// <summary>An activity the peer sent.</summary>
/// <param name="Id">The activity id.</param>
/// <param name="DeliveredTo">The inbox URLs it was POSTed to (all answered 2xx).</param>
public sealed record SentActivity(string Id, IReadOnlyList<string> DeliveredTo);

/// <summary>A note the peer published.</summary>
/// <param name="Id">The Note id; <c>GET</c> it with an ActivityPub Accept header to fetch the Note.</param>
/// <param name="Activity">The id of the <c>Create</c> that carried it.</param>
/// <param name="DeliveredTo">The inbox URLs the Create was POSTed to.</param>
public sealed record CreatedNote(string Id, string Activity, IReadOnlyList<string> DeliveredTo);

/// <summary>An activity one of the peer's inboxes accepted (signature verified).</summary>
/// <param name="Type">ActivityStreams type, e.g. <c>Follow</c>, <c>Create</c>.</param>
/// <param name="Id">Activity id.</param>
/// <param name="Actor">Actor id.</param>
/// <param name="Object">The object's id (also when the object was embedded).</param>
/// <param name="ObjectType">The embedded object's type, or null when only an id was sent.</param>
/// <param name="Recipient">The account whose personal inbox got it; null for the shared inbox.</param>
/// <param name="Inbox"><c>personal</c> or <c>shared</c>.</param>
/// <param name="Signature">How the POST was signed: <c>cavage</c>, <c>rfc9421</c> or null.</param>
/// <param name="ReceivedAt">When the peer accepted it.</param>
/// <param name="Raw">The JSON body as received.</param>
public sealed record ReceivedActivity(
    string Type,
    string? Id,
    string? Actor,
    string? Object,
    string? ObjectType,
    string? Recipient,
    string Inbox,
    string? Signature,
    DateTimeOffset ReceivedAt,
    JsonElement Raw);

/// <summary>A POST that reached one of the peer's inboxes, accepted or not.</summary>
/// <param name="Path">Inbox path, <c>/inbox</c> or <c>/users/{name}/inbox</c>.</param>
/// <param name="Status">The status the peer answered (202 accepted, 401 bad signature…).</param>
/// <param name="Signature"><c>cavage</c>, <c>rfc9421</c> or null (unsigned).</param>
/// <param name="ReceivedAt">When it arrived.</param>
/// <param name="Body">The raw body.</param>
public sealed record InboxRequest(string Path, int Status, string? Signature, DateTimeOffset ReceivedAt, string Body);

/// <summary>A remote actor following a local account.</summary>
/// <param name="Id">Actor id.</param>
/// <param name="InboxId">Its personal inbox.</param>
/// <param name="SharedInbox">Its shared inbox, preferred for fan-out when present.</param>
public sealed record PeerFollower(string Id, string? InboxId, string? SharedInbox);

/// <summary>A remote actor a local account sent a Follow to.</summary>
/// <param name="Target">The followed actor's id.</param>
/// <param name="FollowId">The Follow activity's id.</param>
/// <param name="State"><c>pending</c>, <c>accepted</c> or <c>rejected</c>.</param>
public sealed record PeerFollowing(string Target, string FollowId, string State);

/// <summary>How <c>FedifyPeer.SendRawAsync</c> damages its request.</summary>
public enum RawTamper
{
    /// <summary>A correctly signed request.</summary>
    None,

    /// <summary>The body is changed after signing (digest mismatch).</summary>
    Body,

    /// <summary>Signed with a fresh key while naming the account's real keyId.</summary>
    WrongKey,

    /// <summary>Signed with a Date two hours in the past.</summary>
    StaleDate,

    /// <summary>No signature at all.</summary>
    Unsigned,
}

/// <summary>What the target inbox answered to <c>FedifyPeer.SendRawAsync</c>.</summary>
/// <param name="Status">HTTP status.</param>
/// <param name="Body">Response body.</param>
/// <param name="Headers">Response headers (lower-case names).</param>
/// <param name="SentHeaders">The request headers that were sent, signature included.</param>
public sealed record RawDelivery(
    int Status,
    string Body,
    IReadOnlyDictionary<string, string> Headers,
    IReadOnlyDictionary<string, string> SentHeaders);
