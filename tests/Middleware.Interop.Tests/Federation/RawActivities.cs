using System.Text.Json.Nodes;
using Middleware.Interop.Tests.Peer;

namespace Middleware.Interop.Tests.Federation;

/// <summary>Mastodon-shaped activities for <see cref="FedifyPeer.SendRawAsync(string, string, JsonNode, RawTamper, PeerSignatureSpec, CancellationToken)"/>,
/// with ids on the peer's host so our origin checks accept them.</summary>
internal static class RawActivities
{
    private const string Public = "https://www.w3.org/ns/activitystreams#Public";

    /// <summary>A fresh note id of <paramref name="account"/> on the peer (never served: the Create embeds it).</summary>
    public static string NewNoteId(FedifyPeer peer, string account) => $"{peer.ActorUrl(account)}/notes/{Guid.NewGuid()}";

    /// <summary>A public Create(Note) by <paramref name="account"/>, the note embedded.</summary>
    public static JsonObject Create(FedifyPeer peer, string account, string noteId, string text) => new()
    {
        ["@context"] = "https://www.w3.org/ns/activitystreams",
        ["id"] = $"{noteId}/activity",
        ["type"] = "Create",
        ["actor"] = peer.ActorUrl(account),
        ["published"] = DateTimeOffset.UtcNow.ToString("O"),
        ["to"] = new JsonArray(Public),
        ["cc"] = new JsonArray(peer.FollowersUrl(account)),
        ["object"] = new JsonObject
        {
            ["id"] = noteId,
            ["type"] = "Note",
            ["attributedTo"] = peer.ActorUrl(account),
            ["content"] = $"<p>{text}</p>",
            ["published"] = DateTimeOffset.UtcNow.ToString("O"),
            ["to"] = new JsonArray(Public),
            ["cc"] = new JsonArray(peer.FollowersUrl(account)),
        },
    };

    /// <summary>A Like by <paramref name="account"/> of <paramref name="objectId"/>.</summary>
    public static JsonObject Like(FedifyPeer peer, string account, string objectId) => new()
    {
        ["@context"] = "https://www.w3.org/ns/activitystreams",
        ["id"] = $"{peer.ActorUrl(account)}#likes/{Guid.NewGuid()}",
        ["type"] = "Like",
        ["actor"] = peer.ActorUrl(account),
        ["object"] = objectId,
    };

    /// <summary>Sends each activity, signed by its account, to <paramref name="inbox"/>, all at once; the
    /// status of each, or 0 when the service could not be reached (as a peer sees a node that died).</summary>
    public static async Task<int[]> SendAllAsync(FedifyPeer peer, string inbox, IReadOnlyList<(string Account, JsonObject Activity)> sends) =>
        await Task.WhenAll(sends.Select(async s =>
        {
            try
            {
                return (await peer.SendRawAsync(s.Account, inbox, s.Activity)).Status;
            }
            catch (FedifyPeerException)
            {
                return 0;
            }
        }));
}
