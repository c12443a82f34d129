using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Middleware.ActivityPub.Actors;
using Middleware.ActivityPub.Streams;

namespace Middleware.Server.Feeds;

/// <summary>The activities a feed account sends: Announce of a post (public, to its followers and
/// the author) and Undo of that Announce.</summary>
internal static class FeedActivities
{
    public static string AnnounceId(LocalUrls urls, string feed, string postUri) =>
        $"{urls.Actor(feed)}/boosts/{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(postUri)).AsSpan(0, 12))}";

    public static JsonObject Announce(LocalUrls urls, string feed, string id, string postUri, string? author, DateTimeOffset at) => new()
    {
        ["@context"] = ActivityStreams.Context,
        ["id"] = id,
        ["type"] = "Announce",
        ["actor"] = urls.Actor(feed),
        ["published"] = at.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ"),
        ["to"] = new JsonArray(ActivityStreams.PublicCollection),
        ["cc"] = author is null ? new JsonArray(urls.Followers(feed)) : new JsonArray(urls.Followers(feed), author),
        ["object"] = postUri,
    };

    public static JsonObject Undo(LocalUrls urls, string feed, JsonObject announce)
    {
        var inner = announce.DeepClone().AsObject();
        inner.Remove("@context");
        return new JsonObject
        {
            ["@context"] = ActivityStreams.Context,
            ["id"] = $"{announce["id"]}/undo",
            ["type"] = "Undo",
            ["actor"] = urls.Actor(feed),
            ["to"] = new JsonArray(ActivityStreams.PublicCollection),
            ["object"] = inner,
        };
    }
}
