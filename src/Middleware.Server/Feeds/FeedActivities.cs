using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Middleware.ActivityPub.Actors;
using Middleware.ActivityPub.Streams;

namespace Middleware.Server.Feeds;

/// <summary>The activities a feed account sends: Announce of a post (public, to its followers and
/// the author), Undo of that Announce, and Update of its own profile.</summary>
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

    /// <summary>Update of the feed account's profile, as Mastodon sends one: the actor document
    /// embedded whole (its <c>@context</c> lifted to the activity), addressed to the public.</summary>
    public static JsonObject Update(JsonObject actorDocument, DateTimeOffset at)
    {
        var actor = actorDocument.DeepClone().AsObject();
        var context = actor["@context"]!.DeepClone();
        actor.Remove("@context");
        var id = (string)actor["id"]!;
        return new JsonObject
        {
            ["@context"] = context,
            // Mastodon's form ({actor}#updates/{time}), in milliseconds so that two changes in one
            // second are two activities (the queue and receivers drop a repeated id).
            ["id"] = $"{id}#updates/{at.ToUnixTimeMilliseconds()}",
            ["type"] = "Update",
            ["actor"] = id,
            ["to"] = new JsonArray(ActivityStreams.PublicCollection),
            ["object"] = actor,
        };
    }
}
