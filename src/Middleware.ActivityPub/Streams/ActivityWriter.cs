using System.Text.Json.Nodes;
using Middleware.ActivityPub.Actors;
using Middleware.Core.Actors;

namespace Middleware.ActivityPub.Streams;

/// <summary>Builds the JSON we send, in the shapes Mastodon sends.</summary>
public sealed class ActivityWriter(LocalUrls urls)
{
    public JsonObject ActorDocument(LocalActor actor)
    {
        var id = urls.Actor(actor.Username);
        return new JsonObject
        {
            ["@context"] = new JsonArray(
                ActivityStreams.Context,
                ActivityStreams.SecurityContext,
                new JsonObject
                {
                    ["toot"] = "http://joinmastodon.org/ns#",
                    ["discoverable"] = "toot:discoverable",
                    ["indexable"] = "toot:indexable",
                    ["manuallyApprovesFollowers"] = "as:manuallyApprovesFollowers",
                }),
            ["id"] = id,
            ["type"] = actor.Kind == LocalActorKind.Instance ? "Application" : "Service",
            ["preferredUsername"] = actor.Username,
            ["name"] = actor.DisplayName,
            ["summary"] = actor.Summary,
            ["url"] = urls.Profile(actor.Username),
            ["inbox"] = urls.Inbox(actor.Username),
            ["outbox"] = urls.Outbox(actor.Username),
            ["followers"] = urls.Followers(actor.Username),
            ["following"] = urls.Following(actor.Username),
            ["endpoints"] = new JsonObject { ["sharedInbox"] = urls.SharedInbox },
            ["manuallyApprovesFollowers"] = false,
            ["discoverable"] = actor.Discoverable,
            ["indexable"] = false,
            ["published"] = actor.CreatedAt.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ"),
            ["publicKey"] = new JsonObject
            {
                ["id"] = urls.KeyId(actor.Username),
                ["owner"] = id,
                ["publicKeyPem"] = actor.PublicKeyPem,
            },
        };
    }

    public JsonObject Follow(string id, string fromUsername, string target) => Activity(id, "Follow", fromUsername, target);

    /// <summary>Undo of an activity we sent, embedding it as Mastodon does.</summary>
    public JsonObject Undo(string fromUsername, JsonObject undone) =>
        Activity(urls.NewActivityId("undo"), "Undo", fromUsername, undone);

    /// <summary>Accept or Reject of a Follow, embedding the Follow as received (Mastodon embeds
    /// id, type, actor and object).</summary>
    public JsonObject Respond(string type, string fromUsername, string followId, string followerUri)
    {
        var follow = new JsonObject
        {
            ["id"] = followId,
            ["type"] = "Follow",
            ["actor"] = followerUri,
            ["object"] = urls.Actor(fromUsername),
        };
        return Activity(urls.NewActivityId(type.ToLowerInvariant()), type, fromUsername, follow);
    }

    private JsonObject Activity(string id, string type, string fromUsername, JsonNode? obj) => new()
    {
        ["@context"] = ActivityStreams.Context,
        ["id"] = id,
        ["type"] = type,
        ["actor"] = urls.Actor(fromUsername),
        ["object"] = obj,
    };
}
